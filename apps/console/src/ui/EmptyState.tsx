import { Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { IconInbox } from "@tabler/icons-react";
import type { ReactNode } from "react";

/** A list with nothing in it yet: what it will hold and what to do next (usually an action button). */
export function EmptyState({
  title,
  children,
  action,
}: {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <Stack align="center" gap="xs" py={48} px="md" data-testid="empty-state">
      <ThemeIcon variant="light" size={48} radius="xl" color="gray">
        <IconInbox size={26} />
      </ThemeIcon>
      <Title order={3} size="h4" ta="center">
        {title}
      </Title>
      {children && (
        <Text c="dimmed" ta="center" maw={460}>
          {children}
        </Text>
      )}
      {action}
    </Stack>
  );
}
