import { Autocomplete, Button, Group, Select } from "@mantine/core";
import { IconX } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { DEFAULT_RANGE, LOG_RANGES, LOG_STATUSES, type LogFilterValues, rangeMs } from "./log-filters";
import type { LogNames } from "./use-log-names";

type Change = (changes: Partial<LogFilterValues>) => void;

/**
 * The log's filters. Each choice goes to the URL at once (a shareable link); the lists of models,
 * providers and users come from the usage rollups of the range, fetched only when a list is opened.
 */
export function LogFilters({
  filters,
  onChange,
  names,
}: {
  filters: LogFilterValues;
  onChange: Change;
  names: LogNames;
}) {
  const { workspaces } = useScope();
  const [model, setModel] = useState(filters.model ?? "");
  // The typed model follows the URL when it changes from elsewhere (back, a link, "Clear filters").
  useEffect(() => setModel(filters.model ?? ""), [filters.model]);
  const models = useTopGroups("model", filters.range);
  const providers = useTopGroups("provider", filters.range);
  const users = useTopGroups("user", filters.range);
  const keys = useTopGroups("key", filters.range);
  const active = Object.entries(filters).some(([k, v]) => k !== "range" && v);
  const withCurrent = (values: string[], current: string | undefined) =>
    current && !values.includes(current) ? [current, ...values] : values;

  return (
    <Group gap="sm" align="flex-end" wrap="wrap" mb="md">
      <Select
        label="Time range"
        w={150}
        data={LOG_RANGES.map((r) => ({ value: r.value, label: r.label }))}
        value={filters.range ?? DEFAULT_RANGE}
        allowDeselect={false}
        onChange={(v) => onChange({ range: v === DEFAULT_RANGE ? undefined : (v ?? undefined) })}
      />
      <Autocomplete
        label="Model"
        placeholder="Any model"
        w={190}
        data={models.data}
        value={model}
        onDropdownOpen={models.load}
        onChange={setModel}
        onOptionSubmit={(v) => onChange({ model: v })}
        onBlur={() => model !== (filters.model ?? "") && onChange({ model: model.trim() })}
        onKeyDown={(e) => e.key === "Enter" && onChange({ model: model.trim() })}
      />
      <Select
        label="Status"
        placeholder="Any status"
        w={140}
        clearable
        data={LOG_STATUSES.map((s) => ({ value: s, label: s[0]!.toUpperCase() + s.slice(1) }))}
        value={filters.status ?? null}
        onChange={(v) => onChange({ status: v ?? undefined })}
      />
      <Select
        label="Provider"
        placeholder="Any provider"
        w={170}
        clearable
        searchable
        data={withCurrent(providers.data, filters.provider).map((id) => ({
          value: id,
          label: names.providerNames.get(id) ?? id,
        }))}
        value={filters.provider ?? null}
        onDropdownOpen={providers.load}
        nothingFoundMessage={providers.loading ? "Loading…" : "No provider in this range"}
        onChange={(v) => onChange({ provider: v ?? undefined })}
      />
      <Select
        label="API key"
        placeholder="Any key"
        w={180}
        clearable
        searchable
        data={withCurrent(keys.data, filters.keyId).map((id) => ({
          value: id,
          label: names.keyNames.get(id) ?? id,
        }))}
        value={filters.keyId ?? null}
        onDropdownOpen={keys.load}
        nothingFoundMessage={keys.loading ? "Loading…" : "No key in this range"}
        onChange={(v) => onChange({ keyId: v ?? undefined })}
      />
      <Select
        label="User"
        placeholder="Any user"
        w={170}
        clearable
        searchable
        data={withCurrent(users.data, filters.userId)}
        value={filters.userId ?? null}
        onDropdownOpen={users.load}
        nothingFoundMessage={users.loading ? "Loading…" : "No user in this range"}
        onChange={(v) => onChange({ userId: v ?? undefined })}
      />
      {workspaces.length > 1 && (
        <Select
          label="Workspace"
          placeholder="Every workspace"
          w={170}
          clearable
          data={workspaces.map((w) => ({ value: w.id, label: w.name }))}
          value={filters.workspaceId ?? null}
          onChange={(v) => onChange({ workspaceId: v ?? undefined })}
        />
      )}
      {active && (
        <Button
          variant="subtle"
          leftSection={<IconX size={14} />}
          onClick={() => {
            setModel("");
            onChange({
              model: undefined,
              provider: undefined,
              keyId: undefined,
              userId: undefined,
              workspaceId: undefined,
              status: undefined,
            });
          }}
        >
          Clear filters
        </Button>
      )}
    </Group>
  );
}

/** The values of one dimension seen in the range (top 50 by spend), loaded on first open of its list. */
function useTopGroups(by: "model" | "provider" | "user" | "key", range: string | undefined) {
  const { client } = useApi();
  const { tenantId } = useScope();
  const [enabled, setEnabled] = useState(false);
  const query = useQuery({
    queryKey: ["usage.top", tenantId, by, range ?? DEFAULT_RANGE],
    queryFn: () => {
      const now = Date.now();
      return client.usage.top({
        params: { tenantId },
        query: { by, limit: 50, from: now - rangeMs(range), to: now },
      });
    },
    enabled,
    staleTime: 60_000,
  });
  const data = (query.data?.items ?? []).flatMap((i) => (i.group ? [i.group] : []));
  return { data, load: () => setEnabled(true), loading: query.isFetching };
}
