import { Badge, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Tabs, Tooltip } from "@mantine/core";
import { useCallback, useState } from "react";
import { Link } from "react-router";
import { useScope } from "../../scope/scope-context";
import { EmptyState } from "../../ui/EmptyState";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { PageHeader } from "../../ui/PageHeader";
import { useUrlState } from "../../ui/use-url-state";
import { ActivityChart } from "./ActivityChart";
import { ActivityControls } from "./ActivityControls";
import { CHART_METRICS, type ChartMetric } from "./activity-chart-data";
import { rangeValue } from "./activity-range";
import { ExportButton } from "./ExportButton";
import { StatCards } from "./StatCards";
import { TopSpenders } from "./TopSpenders";
import {
  type ActivityView,
  TOP_DIMENSIONS,
  useGroupLabels,
  useUsageChart,
  useUsageSummary,
  useUsageTops,
} from "./use-activity-data";
import { type LiveState, useUsageLive } from "./use-usage-live";

const URL_KEYS = ["range", "from", "to", "group", "metric", "workspace", "model"] as const;
const GROUP_VALUES = ["model", "provider", "key", "user", "workspace"] as const;

/**
 * Activity (the landing page): requests, tokens, spend, error rate and latency over a range, grouped by
 * model, provider, key, user or workspace; the top models, keys and users by spend; CSV export. Live
 * while open: a `usage.live` event re-reads every query, so the numbers move without a reload.
 */
export function ActivityPage() {
  const { tenantId, canSomewhere } = useScope();
  const [raw, set] = useUrlState(URL_KEYS);
  const view: ActivityView = {
    range: rangeValue(raw.range),
    from: raw.from,
    to: raw.to,
    group: GROUP_VALUES.find((g) => g === raw.group),
    metric: CHART_METRICS.find((m) => m.value === raw.metric)?.value ?? "requests",
    workspace: raw.workspace,
    model: raw.model,
  };
  const label = useGroupLabels();
  const summary = useUsageSummary(view);
  const chart = useUsageChart(view, label);
  const tops = useUsageTops(view);
  // A custom range that ends in the past does not change; every other view follows new usage.
  const live = useUsageLive(tenantId, view.range !== "custom" || raw.to === undefined);

  const [chartShown, setChartShown] = useState(false);
  const showChart = useCallback(() => setChartShown(true), []);

  const empty = summary.data !== undefined && summary.data.requests === 0;
  const ready =
    (summary.isSuccess || summary.isError) && ((chart.isSuccess && chartShown) || chart.isError || empty);
  return (
    <Stack gap="md" data-testid={ready ? "activity-ready" : "activity-loading"}>
      <PageHeader
        title="Activity"
        description="Requests, tokens, spend, errors and latency across your gateway."
        actions={
          <>
            <LiveBadge state={live} />
            <ExportButton view={view} />
          </>
        }
      />
      <ActivityControls view={view} set={set} />
      <ErrorAlert error={summary.error} />
      <StatCards summary={summary.data} loading={summary.isPending} />
      {empty ? (
        <Paper withBorder radius="md">
          <EmptyState
            title="No requests yet — create an API key and send a request"
            action={
              <Group gap="xs">
                {/* Links, not actions; still, a reader without the permission is not offered them. */}
                {canSomewhere("keys:create") && (
                  <Button component={Link} to={`/t/${tenantId}/keys`}>
                    Create an API key
                  </Button>
                )}
                {canSomewhere("models:use") && (
                  <Button component={Link} to={`/t/${tenantId}/playground`} variant="default">
                    Open the playground
                  </Button>
                )}
              </Group>
            }
          >
            {view.range === "24h" && !view.workspace && !view.model
              ? "Requests made with a key show up here within seconds, without reloading."
              : "Nothing in this range or with these filters: try a longer range or clear the filters."}
          </EmptyState>
        </Paper>
      ) : (
        <Paper withBorder radius="md" p="sm">
          <Tabs
            value={view.metric}
            onChange={(metric) => set({ metric: (metric as ChartMetric | null) ?? undefined })}
            keepMounted={false}
          >
            <Tabs.List mb="sm">
              {CHART_METRICS.map((m) => (
                <Tabs.Tab key={m.value} value={m.value}>
                  {m.label}
                </Tabs.Tab>
              ))}
            </Tabs.List>
          </Tabs>
          <ErrorAlert error={chart.error} />
          {chart.data ? (
            <ActivityChart model={chart.data} onShown={showChart} />
          ) : (
            !chart.error && <Skeleton h={280} />
          )}
        </Paper>
      )}
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
        {TOP_DIMENSIONS.map((d, i) => (
          <TopSpenders
            key={d.by}
            title={d.title}
            data={tops[i]?.data}
            error={tops[i]?.error}
            label={(g) => label(d.by, g)}
          />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function LiveBadge({ state }: { state: LiveState }) {
  const [color, text, hint] =
    state === "live"
      ? ["green", "Live", "New requests update this page as they land."]
      : state === "connecting"
        ? ["gray", "Connecting", "Opening the live stream…"]
        : ["orange", "Offline", "Live updates paused; retrying. The numbers shown may be behind."];
  return (
    <Tooltip label={hint}>
      <Badge color={color} variant="dot" size="lg" data-testid="live-badge" aria-live="polite">
        {text}
      </Badge>
    </Tooltip>
  );
}
