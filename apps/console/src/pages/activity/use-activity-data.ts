import type { GatehouseClient } from "@gatehouse/sdk";
import { useQueries, useQuery } from "@tanstack/react-query";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { type ChartMetric, metricsOf, toChartModel } from "./activity-chart-data";
import { type RangeValue, resolveRange } from "./activity-range";

/** The Activity page's view, as kept in the URL. */
export interface ActivityView {
  range: RangeValue;
  from: string | undefined;
  to: string | undefined;
  group: "model" | "provider" | "key" | "user" | "workspace" | undefined;
  metric: ChartMetric;
  workspace: string | undefined;
  model: string | undefined;
}

/** The API's query for a view: the range resolved now, and the dimension filters. */
export function usageQuery(view: ActivityView) {
  const { from, to } = resolveRange(view.range, view.from, view.to, Date.now());
  return {
    from,
    to,
    ...(view.workspace === undefined ? {} : { workspaceId: view.workspace }),
    ...(view.model === undefined ? {} : { model: view.model }),
  };
}

/** The part of a view every usage query depends on (the chart tab and grouping aside). */
function filterKey(view: ActivityView) {
  return { range: view.range, from: view.from, to: view.to, workspace: view.workspace, model: view.model };
}

/** The range's totals (the stat cards). */
export function useUsageSummary(view: ActivityView) {
  const { client } = useApi();
  const { tenantId } = useScope();
  return useQuery({
    queryKey: ["usage.summary", tenantId, filterKey(view)],
    queryFn: ({ signal }) => client.usage.summary({ params: { tenantId }, query: usageQuery(view), signal }),
    placeholderData: (previous) => previous,
  });
}

/** The chart of the selected tab, one series per group (the top 8 by spend) when grouped. */
export function useUsageChart(
  view: ActivityView,
  label: (dimension: string, group: string | null) => string,
) {
  const { client } = useApi();
  const { tenantId } = useScope();
  return useQuery({
    queryKey: ["usage.analytics", tenantId, filterKey(view), view.metric, view.group],
    queryFn: async ({ signal }) => {
      const query = usageQuery(view);
      return Promise.all(
        metricsOf(view.metric, view.group !== undefined).map((metric) =>
          client.usage.analytics({
            params: { tenantId },
            query: { ...query, metric, ...(view.group ? { groupBy: view.group, top: 8 } : {}) },
            signal,
          }),
        ),
      );
    },
    select: (answers) => toChartModel(view.metric, answers, (g) => label(view.group ?? "", g)),
    placeholderData: (previous) => previous,
  });
}

export const TOP_DIMENSIONS = [
  { by: "model", title: "Top models" },
  { by: "key", title: "Top API keys" },
  { by: "user", title: "Top users" },
] as const;

/** The top models, keys and users by spend in the range. */
export function useUsageTops(view: ActivityView) {
  const { client } = useApi();
  const { tenantId } = useScope();
  return useQueries({
    queries: TOP_DIMENSIONS.map(({ by }) => ({
      queryKey: ["usage.top", tenantId, filterKey(view), by],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        client.usage.top({ params: { tenantId }, query: { ...usageQuery(view), by, limit: 5 }, signal }),
      placeholderData: <T>(previous: T) => previous,
    })),
  });
}

/**
 * Display names for the ids the usage API groups by (keys, users, providers, workspaces), read from the
 * lists the user may read; an id without a name (no permission, or beyond the first 200) shows as is.
 */
export function useGroupLabels(): (dimension: string, group: string | null) => string {
  const { client } = useApi();
  const { tenantId, workspaces, canSomewhere } = useScope();
  const names = (
    id: string,
    enabled: boolean,
    read: (c: GatehouseClient) => Promise<Array<[string, string]>>,
  ) => ({
    queryKey: [id, tenantId, { limit: 200 }],
    queryFn: async () => new Map(await read(client)),
    enabled,
    staleTime: 60_000,
  });
  const [keys, members, providers] = useQueries({
    queries: [
      names("keys.list", canSomewhere("keys:read"), async (c) =>
        (await c.keys.list({ params: { tenantId }, query: { limit: 200 } })).items.map((k) => [k.id, k.name]),
      ),
      names("members.list", canSomewhere("members:read"), async (c) =>
        (await c.members.list({ params: { tenantId }, query: { limit: 200 } })).items.map((m) => [
          m.userId,
          m.name || m.email,
        ]),
      ),
      names("providers.list", canSomewhere("providers:read"), async (c) =>
        (await c.providers.list({ params: { tenantId }, query: { limit: 200 } })).items.map((p) => [
          p.id,
          p.name,
        ]),
      ),
    ],
  });
  return (dimension, group) => {
    if (group === null) return dimension === "user" ? "No user (service key)" : "None";
    const map =
      dimension === "key"
        ? keys.data
        : dimension === "user"
          ? members.data
          : dimension === "provider"
            ? providers.data
            : undefined;
    if (dimension === "workspace") return workspaces.find((w) => w.id === group)?.name ?? group;
    return map?.get(group) ?? group;
  };
}
