import { Box, Group, Text } from "@mantine/core";
import type { ChartModel } from "./activity-chart-data";

/** A Mantine color name such as `blue.6` as the theme's CSS variable (follows light and dark). */
export function colorVar(color: string): string {
  const [name, shade] = color.split(".");
  return shade === undefined ? `var(--mantine-color-${name})` : `var(--mantine-color-${name}-${shade})`;
}

/** The series of a grouped chart: a swatch and a label each. */
export function ChartLegend({ series }: { series: ChartModel["series"] }) {
  return (
    <Group gap="md" justify="center" mt="xs" data-testid="chart-legend">
      {series.map((s) => (
        <Group key={s.name} gap={6} wrap="nowrap">
          <Box w={10} h={10} style={{ borderRadius: 5, background: colorVar(s.color) }} />
          <Text size="xs">{s.label}</Text>
        </Group>
      ))}
    </Group>
  );
}
