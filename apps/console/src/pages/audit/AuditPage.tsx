import { OPERATIONS } from "@gatehouse/sdk";
import { Anchor, Autocomplete, Button, Group, Paper, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconDownload } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { CursorPager } from "../../ui/CursorPager";
import { EmptyState } from "../../ui/EmptyState";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { formatAgo, formatTime } from "../../ui/format";
import { OrderSelect } from "../../ui/OrderSelect";
import { PageHeader } from "../../ui/PageHeader";
import { PageLoader } from "../../ui/PageLoader";
import { useCursorPage } from "../../ui/use-cursor-page";
import { useUrlState } from "../../ui/use-url-state";
import { AuditDetail } from "./AuditDetail";
import type { AuditEntry } from "./audit-types";
import { downloadText } from "./download-text";

const FILTER_KEYS = ["action", "actor", "kind", "target", "since", "until", "order"] as const;
/** Kinds of object the server records (free text works too). */
const TARGET_KINDS = [
  "api_key",
  "budget",
  "budget_webhook",
  "invitation",
  "ledger_entry",
  "member",
  "model",
  "plan",
  "price_book_entry",
  "pricing_settings",
  "provider",
  "rate_limit",
  "redemption_code",
  "role",
  "service_account",
  "smtp",
  "sso_config",
  "tenant",
  "user",
  "workspace",
  "workspace_member",
];
/** Every operation that changes something: what the audit log records. */
const ACTIONS = Object.entries(OPERATIONS)
  .filter(([, c]) => c.method !== "GET")
  .map(([id]) => id)
  .sort();

/** `datetime-local` input value (local time) ⇄ epoch ms in the URL. */
function toMs(local: string): string | undefined {
  const t = new Date(local).getTime();
  return Number.isNaN(t) ? undefined : String(t);
}
function toLocal(ms: string | undefined): string {
  if (!ms) return "";
  const d = new Date(Number(ms));
  if (Number.isNaN(d.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A text filter typed freely, written to the URL once typing pauses. */
function useDraft(value: string | undefined, commit: (v: string | undefined) => void) {
  const [draft, setDraft] = useState(value ?? "");
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setDraft(value ?? "");
  }
  const later = useDebouncedCallback((v: string) => commit(v.trim() || undefined), 400);
  const change = (v: string) => {
    setDraft(v);
    later(v);
  };
  return [draft, change] as const;
}

/** The tenant's audit log: who changed what and when, filtered in the URL, with each change's diff. */
export function AuditPage() {
  const { client } = useApi();
  const { tenantId } = useScope();
  const [filters, setFilters] = useUrlState(FILTER_KEYS);
  const pager = useCursorPage();
  const [open, setOpen] = useState<AuditEntry | undefined>();
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);
  const [action, setAction] = useDraft(filters.action, (v) => setFilters({ action: v }));
  const [actor, setActor] = useDraft(filters.actor, (v) => setFilters({ actor: v }));
  const [target, setTarget] = useDraft(filters.target, (v) => setFilters({ target: v }));
  const [kind, setKind] = useDraft(filters.kind, (v) => setFilters({ kind: v }));

  const query = {
    ...(filters.action && { action: filters.action }),
    ...(filters.actor && { actorId: filters.actor }),
    ...(filters.kind && { targetKind: filters.kind }),
    ...(filters.target && { targetId: filters.target }),
    ...(filters.since && { since: Number(filters.since) }),
    ...(filters.until && { until: Number(filters.until) }),
  };
  const order = filters.order === "asc" ? "asc" : "desc";
  const list = useQuery({
    queryKey: ["audit.list", tenantId, query, order, pager.cursor],
    queryFn: () =>
      client.audit.list({
        params: { tenantId },
        query: { ...query, order, limit: 50, ...(pager.cursor && { cursor: pager.cursor }) },
      }),
    placeholderData: keepPreviousData,
  });
  const filtered = Object.keys(query).length > 0;

  async function exportCsv() {
    setExporting(true);
    setExportError(null);
    try {
      const csv = await client.audit.export({ params: { tenantId }, query });
      downloadText(csv, `audit-${tenantId}-${new Date().toISOString().slice(0, 10)}.csv`, "text/csv");
      notifications.show({ message: `Exported ${Math.max(0, csv.split("\n").length - 2)} entries.` });
    } catch (error) {
      setExportError(error);
    } finally {
      setExporting(false);
    }
  }

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change made in this tenant: who, what, when, from where, and what it changed."
        actions={
          <Button
            variant="default"
            leftSection={<IconDownload size={16} />}
            loading={exporting}
            onClick={exportCsv}
          >
            Export CSV
          </Button>
        }
      />
      <ErrorAlert error={exportError} title="The export failed" mb="md" />
      <Paper withBorder p="sm" mb="md">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Autocomplete
            label="Action"
            placeholder="keys.create"
            data={ACTIONS}
            limit={20}
            value={action}
            onChange={setAction}
            onOptionSubmit={(v) => setFilters({ action: v })}
            w={220}
          />
          <TextInput
            label="Actor id"
            placeholder="usr_…"
            value={actor}
            onChange={(e) => setActor(e.currentTarget.value)}
            w={200}
          />
          <Autocomplete
            label="Target kind"
            placeholder="api_key"
            data={TARGET_KINDS}
            value={kind}
            onChange={setKind}
            onOptionSubmit={(v) => setFilters({ kind: v })}
            w={160}
          />
          <TextInput
            label="Target id"
            placeholder="key_…"
            value={target}
            onChange={(e) => setTarget(e.currentTarget.value)}
            w={200}
          />
          <TextInput
            label="From"
            type="datetime-local"
            value={toLocal(filters.since)}
            onChange={(e) => setFilters({ since: toMs(e.currentTarget.value) })}
            w={200}
          />
          <TextInput
            label="To"
            type="datetime-local"
            value={toLocal(filters.until)}
            onChange={(e) => setFilters({ until: toMs(e.currentTarget.value) })}
            w={200}
          />
          <OrderSelect value={order} onChange={(o) => setFilters({ order: o })} />
          {filtered && (
            <Button
              variant="subtle"
              onClick={() =>
                setFilters({
                  action: undefined,
                  actor: undefined,
                  target: undefined,
                  since: undefined,
                  until: undefined,
                })
              }
            >
              Clear filters
            </Button>
          )}
        </Group>
      </Paper>
      <ErrorAlert error={list.error} mb="md" />
      {list.isPending ? (
        <PageLoader />
      ) : list.data && list.data.items.length === 0 ? (
        <EmptyState title={filtered ? "No entry matches these filters" : "Nothing recorded yet"}>
          {filtered
            ? "Widen the time range or clear a filter."
            : "Changes made in this tenant (keys, members, providers, settings) appear here as they happen."}
        </EmptyState>
      ) : (
        list.data && (
          <Paper withBorder>
            <Table.ScrollContainer minWidth={800}>
              <Table highlightOnHover verticalSpacing="xs" aria-label="Audit log entries">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>When</Table.Th>
                    <Table.Th>Action</Table.Th>
                    <Table.Th>Actor</Table.Th>
                    <Table.Th>Target</Table.Th>
                    <Table.Th>From</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.items.map((e) => (
                    <Table.Tr key={e.id} data-testid="audit-row">
                      <Table.Td title={formatTime(e.at)}>
                        <Text size="sm">{formatTime(e.at)}</Text>
                        <Text size="xs" c="dimmed">
                          {formatAgo(e.at)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Anchor component="button" type="button" size="sm" onClick={() => setOpen(e)}>
                          {e.action}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{e.actor.kind}</Text>
                        <Text size="xs" c="dimmed">
                          {e.actor.id ?? ""}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{e.target.kind}</Text>
                        <Text size="xs" c="dimmed">
                          {e.target.id ?? ""}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{e.ip ?? "—"}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )
      )}
      <CursorPager pager={pager} nextCursor={list.data?.nextCursor} loading={list.isFetching} />
      <AuditDetail entry={open} onClose={() => setOpen(undefined)} />
    </>
  );
}
