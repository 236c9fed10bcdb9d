import { ActionIcon, Group, Text } from "@mantine/core";
import { IconChevronLeft, IconChevronRight } from "@tabler/icons-react";
import { type BranchMessage, siblingPosition } from "./chat-tree";

/** "‹ 2/3 ›" on a message with siblings: shows another branch through the previous or next sibling. */
export function BranchSwitcher({
  message,
  disabled,
  onSwitch,
}: {
  message: BranchMessage;
  disabled: boolean;
  onSwitch(id: string): void;
}) {
  const p = siblingPosition(message);
  if (p.count < 2) return null;
  return (
    <Group gap={2} wrap="nowrap" data-testid="branch-switcher">
      <ActionIcon
        variant="subtle"
        color="gray"
        size="xs"
        aria-label="Previous version"
        disabled={disabled || p.previous === null}
        onClick={() => p.previous && onSwitch(p.previous)}
      >
        <IconChevronLeft size={14} />
      </ActionIcon>
      <Text size="xs" c="dimmed" data-testid="branch-position">
        {p.index}/{p.count}
      </Text>
      <ActionIcon
        variant="subtle"
        color="gray"
        size="xs"
        aria-label="Next version"
        disabled={disabled || p.next === null}
        onClick={() => p.next && onSwitch(p.next)}
      >
        <IconChevronRight size={14} />
      </ActionIcon>
    </Group>
  );
}
