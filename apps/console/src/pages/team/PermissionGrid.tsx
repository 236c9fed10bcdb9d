import { Checkbox, Group, SimpleGrid, Text } from "@mantine/core";
import { groupPermissions } from "./group-permissions";

/**
 * Every permission as a checkbox, grouped by resource (one row per resource: read, create, manage…).
 * Read-only shows a role's permissions without letting them change.
 */
export function PermissionGrid({
  all,
  value,
  onChange,
  readOnly,
}: {
  all: readonly string[];
  value: readonly string[];
  onChange?: (next: string[]) => void;
  readOnly?: boolean;
}) {
  const held = new Set(value);
  const toggle = (p: string, on: boolean) => onChange?.(all.filter((x) => (x === p ? on : held.has(x))));
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing={6}>
      {groupPermissions(all).map(([resource, verbs]) => (
        <Group key={resource} gap="sm" wrap="nowrap" align="center">
          <Text size="sm" fw={600} w={130} style={{ flexShrink: 0 }}>
            {resource}
          </Text>
          <Group gap="sm">
            {verbs.map((verb) => {
              const p = `${resource}:${verb}`;
              return (
                <Checkbox
                  key={p}
                  size="xs"
                  label={verb}
                  aria-label={p}
                  checked={held.has(p)}
                  disabled={readOnly}
                  onChange={(e) => toggle(p, e.currentTarget.checked)}
                />
              );
            })}
          </Group>
        </Group>
      ))}
    </SimpleGrid>
  );
}
