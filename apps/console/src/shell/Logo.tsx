import { Group, Text } from "@mantine/core";

/** The Gatehouse mark and name. */
export function Logo() {
  return (
    <Group gap={8} wrap="nowrap">
      <svg width="26" height="26" viewBox="0 0 32 32" aria-hidden="true">
        <rect width="32" height="32" rx="7" fill="var(--mantine-primary-color-filled)" />
        <path d="M8 26V13l8-6 8 6v13h-5v-7h-6v7z" fill="#fff" />
      </svg>
      <Text fw={700} size="lg">
        Gatehouse
      </Text>
    </Group>
  );
}
