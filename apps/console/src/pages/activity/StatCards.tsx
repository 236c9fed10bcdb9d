import type { OperationOutput } from "@gatehouse/sdk";
import { Paper, SimpleGrid, Skeleton, Text } from "@mantine/core";
import { formatCount, formatMs, formatPercent, formatUsd } from "../../ui/format";

type Summary = OperationOutput<"usage.summary">;

/** The range's totals: requests, tokens, spend, error rate, latency p50 and p95. */
export function StatCards({ summary, loading }: { summary: Summary | undefined; loading: boolean }) {
  const tokens = summary === undefined ? undefined : summary.inputTokens + summary.outputTokens;
  const cards = [
    { label: "Requests", value: formatCount(summary?.requests) },
    { label: "Tokens", value: formatCount(tokens) },
    { label: "Spend", value: formatUsd(summary?.costNano) },
    {
      label: "Error rate",
      value:
        summary === undefined || summary.requests === 0
          ? "—"
          : formatPercent(summary.errors / summary.requests),
    },
    { label: "Latency p50", value: formatMs(summary?.latencyP50) },
    { label: "Latency p95", value: formatMs(summary?.latencyP95) },
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm">
      {cards.map((c) => (
        <Paper
          key={c.label}
          withBorder
          p="sm"
          radius="md"
          data-testid={`stat-${c.label.toLowerCase().replace(/\W+/g, "-")}`}
        >
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {c.label}
          </Text>
          {loading ? (
            <Skeleton h={28} mt={4} />
          ) : (
            <Text fz={24} fw={700} lh={1.3} data-testid="stat-value">
              {c.value}
            </Text>
          )}
        </Paper>
      ))}
    </SimpleGrid>
  );
}
