import { Badge, Group, Text } from "@mantine/core";

const LABELS = { tools: "Tools", vision: "Vision", json: "JSON", reasoning: "Reasoning" } as const;

/** The capabilities a model declares, as small badges; a dash when it declares none. */
export function CapabilityBadges({
  capabilities,
}: {
  capabilities: Partial<Record<keyof typeof LABELS, boolean>>;
}) {
  const on = (Object.keys(LABELS) as Array<keyof typeof LABELS>).filter((k) => capabilities[k]);
  if (on.length === 0)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Group gap={4}>
      {on.map((k) => (
        <Badge key={k} size="sm" variant="light" color="indigo">
          {LABELS[k]}
        </Badge>
      ))}
    </Group>
  );
}
