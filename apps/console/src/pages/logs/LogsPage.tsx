import { Button, Card, Loader } from "@mantine/core";
import { IconRefresh } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { CursorPager } from "../../ui/CursorPager";
import { EmptyState } from "../../ui/EmptyState";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { PageHeader } from "../../ui/PageHeader";
import { PageLoader } from "../../ui/PageLoader";
import { useCursorPage } from "../../ui/use-cursor-page";
import { useUrlState } from "../../ui/use-url-state";
import { CaptureSwitch } from "./CaptureSwitch";
import { ExportLogsButton } from "./ExportLogsButton";
import { LogFilters } from "./LogFilters";
import { LogsTable } from "./LogsTable";
import { LOG_FILTER_KEYS, logQuery } from "./log-filters";
import { useLogNames } from "./use-log-names";

const PAGE_SIZE = 50;

/**
 * The request log: every request of the tenant (or of the workspaces the user may read), newest first,
 * filtered by the URL's filters, a page at a time; a row opens the request's detail.
 */
export function LogsPage() {
  const { client } = useApi();
  const { tenantId } = useScope();
  const [filters, setFilters] = useUrlState(LOG_FILTER_KEYS);
  const pager = useCursorPage();
  // "Now" is fixed when the filters change (or on refresh), so the pages of one view share one range.
  const [now, setNow] = useState(() => Date.now());
  const query = logQuery(filters, now);

  const list = useQuery({
    queryKey: ["usageLogs.list", tenantId, filters, pager.cursor ?? null, now],
    queryFn: () =>
      client.usageLogs.list({
        params: { tenantId },
        query: { ...query, limit: PAGE_SIZE, ...(pager.cursor ? { cursor: pager.cursor } : {}) },
      }),
    placeholderData: keepPreviousData,
  });
  const names = useLogNames();
  const rows = list.data?.items ?? [];

  return (
    <>
      <PageHeader
        title="Logs"
        description="Every request through the gateway: model, provider, status, tokens, cost and latency. Open one for its attempts."
        actions={
          <>
            <Button
              variant="default"
              leftSection={<IconRefresh size={16} />}
              loading={list.isFetching}
              onClick={() => {
                setNow(Date.now());
                pager.first();
              }}
            >
              Refresh
            </Button>
            <ExportLogsButton tenantId={tenantId} query={query} />
            <CaptureSwitch />
          </>
        }
      />
      <LogFilters
        filters={filters}
        names={names}
        onChange={(changes) => {
          setNow(Date.now());
          setFilters(changes);
        }}
      />
      <ErrorAlert error={list.error} mb="md" />
      {list.isPending ? (
        <PageLoader />
      ) : list.isError && !list.data ? null : rows.length === 0 ? (
        <Card withBorder data-testid="logs-empty" data-status={filters.status ?? "any"}>
          <EmptyState title="No requests match">
            Widen the time range or clear a filter. Requests appear here as soon as an API key is used: send
            one from the Playground or with curl against /v1/chat/completions.
          </EmptyState>
        </Card>
      ) : (
        <Card
          withBorder
          p={0}
          pos="relative"
          // Set once the rows of these filters are rendered (the performance test waits for it).
          data-testid={list.isFetching ? undefined : "logs-ready"}
          data-status={filters.status ?? "any"}
        >
          {list.isFetching && <Loader size="xs" pos="absolute" top={10} right={10} aria-label="Loading" />}
          <LogsTable rows={rows} names={names} />
        </Card>
      )}
      <CursorPager pager={pager} nextCursor={list.data?.nextCursor} loading={list.isFetching} />
    </>
  );
}
