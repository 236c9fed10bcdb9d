import { Group, Progress, Stack, Text } from "@mantine/core";
import { formatPercent } from "../../ui/format";
import { barValue, usageLevel } from "./usage-level";

/**
 * A cap's use as a bar: settled use solid, held (reserved) use striped after it, coloured by how full
 * the cap is; the figures beside it in words, since colour alone says nothing to a screen reader.
 */
export function UsageBar({
  label,
  used,
  reserved = 0,
  limit,
  format,
}: {
  /** What the bar measures, for assistive technology: "Spend of the monthly tenant budget". */
  label: string;
  used: number;
  reserved?: number;
  limit: number;
  format: (n: number) => string;
}) {
  const level = usageLevel(used + reserved, limit);
  const usedPct = barValue(limit > 0 ? used / limit : used > 0 ? 1 : 0);
  const reservedPct = Math.min(100 - usedPct, barValue(limit > 0 ? reserved / limit : 0));
  return (
    <Stack gap={4} miw={180} data-testid="usage-bar" data-level={level.color}>
      <Progress.Root size="lg" aria-label={label}>
        <Progress.Section
          value={usedPct}
          color={level.color}
          aria-label={`${label}: ${formatPercent(level.fraction)} used`}
        />
        {reservedPct > 0 && (
          <Progress.Section value={reservedPct} color={level.color} striped aria-label={`${label}: held`} />
        )}
      </Progress.Root>
      <Group gap={6} justify="space-between" wrap="nowrap">
        <Text size="xs">
          {format(used)} of {format(limit)}
          {reserved > 0 ? ` (+${format(reserved)} held)` : ""}
        </Text>
        <Text size="xs" c={level.color === "teal" ? "dimmed" : level.color} fw={600}>
          {formatPercent(level.fraction)}
        </Text>
      </Group>
    </Stack>
  );
}
