import { Button, Group, Text } from "@mantine/core";
import { IconChevronLeft, IconChevronRight } from "@tabler/icons-react";
import type { useCursorPage } from "./use-cursor-page";

/** Previous / next buttons under a cursor-paginated list, with the page number. */
export function CursorPager({
  pager,
  nextCursor,
  loading,
}: {
  pager: ReturnType<typeof useCursorPage>;
  nextCursor: string | null | undefined;
  loading?: boolean;
}) {
  if (!pager.hasPrevious && !nextCursor) return null;
  return (
    <Group justify="flex-end" mt="md" gap="xs">
      <Text size="sm" c="dimmed" mr="xs">
        Page {pager.pageNumber}
      </Text>
      <Button
        variant="default"
        size="xs"
        leftSection={<IconChevronLeft size={14} />}
        disabled={!pager.hasPrevious || loading}
        onClick={() => (pager.pageNumber > 1 ? pager.previous() : pager.first())}
      >
        Previous
      </Button>
      <Button
        variant="default"
        size="xs"
        rightSection={<IconChevronRight size={14} />}
        disabled={!nextCursor || loading}
        onClick={() => nextCursor && pager.next(nextCursor)}
      >
        Next
      </Button>
    </Group>
  );
}
