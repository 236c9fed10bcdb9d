import type { PageItem } from "@gatehouse/sdk";
import { ActionIcon, Badge, Button, Group, Select, Table, Text, Tooltip } from "@mantine/core";
import { IconPencil, IconPlus, IconTrash } from "@tabler/icons-react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { CursorPager } from "../../ui/CursorPager";
import { EmptyState } from "../../ui/EmptyState";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { formatCount } from "../../ui/format";
import { OrderSelect } from "../../ui/OrderSelect";
import { PageLoader } from "../../ui/PageLoader";
import { useCursorPage } from "../../ui/use-cursor-page";
import { useUrlState } from "../../ui/use-url-state";
import { RateLimitFormModal } from "./RateLimitFormModal";
import { UsageBar } from "./UsageBar";
import { SCOPE_KIND_LABELS, type ScopeKind, useScopeNames } from "./use-scope-names";

type RateLimit = PageItem<"rateLimits.list">;

const SCOPE_FILTER = [
  { value: "", label: "Every scope" },
  ...(Object.keys(SCOPE_KIND_LABELS) as ScopeKind[]).map((k) => ({ value: k, label: SCOPE_KIND_LABELS[k] })),
];

/** One value of a limit: its current use as a bar, or "—" when the limit does not set it. */
function UseCell({ label, used, limit }: { label: string; used: number | null; limit: number | null }) {
  if (limit === null)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return <UsageBar label={label} used={used ?? 0} limit={limit} format={formatCount} />;
}

/** Rate limits (rpm, tpm, concurrency per scope and model pattern) with what each counter holds now. */
export function RateLimitsSection() {
  const { client } = useApi();
  const { tenantId, can, canSomewhere } = useScope();
  const queryClient = useQueryClient();
  const names = useScopeNames();
  const [filters, setFilters] = useUrlState(["scopeKind", "order"]);
  const pager = useCursorPage();
  // Members may limit their own keys; the server decides which scopes each may touch.
  const canWrite = can("tenant:update") || canSomewhere("keys:create");
  const [editing, setEditing] = useState<RateLimit | "new" | undefined>();
  const query = {
    limit: 25,
    order: filters.order === "asc" ? ("asc" as const) : ("desc" as const),
    ...(filters.scopeKind ? { scopeKind: filters.scopeKind as ScopeKind } : {}),
    ...(pager.cursor ? { cursor: pager.cursor } : {}),
  };
  const list = useQuery({
    queryKey: ["rateLimits.list", tenantId, query],
    queryFn: () => client.rateLimits.list({ params: { tenantId }, query }),
    placeholderData: keepPreviousData,
    // Per-minute windows move fast: refresh the current use while the page is open.
    refetchInterval: 5_000,
  });
  const remove = useMutation({
    mutationFn: (l: RateLimit) => client.rateLimits.delete({ params: { tenantId, limitId: l.id } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["rateLimits.list", tenantId] }),
  });
  const items = list.data?.items ?? [];

  return (
    <>
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Group gap="xs">
          <Select
            aria-label="Filter limits by scope"
            data={SCOPE_FILTER}
            value={filters.scopeKind ?? ""}
            onChange={(v) => setFilters({ scopeKind: v || undefined })}
            allowDeselect={false}
            w={180}
          />
          <OrderSelect
            ariaLabel="Order of limits"
            value={filters.order}
            onChange={(order) => setFilters({ order })}
          />
        </Group>
        {canWrite && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing("new")}>
            New rate limit
          </Button>
        )}
      </Group>
      <ErrorAlert error={list.error} mb="sm" />
      <ErrorAlert error={remove.error} title="Could not remove the limit" mb="sm" />
      {list.isPending ? (
        <PageLoader label="Loading rate limits" />
      ) : items.length === 0 && !list.error ? (
        <EmptyState
          title="No rate limits yet"
          action={
            canWrite && (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing("new")}>
                New rate limit
              </Button>
            )
          }
        >
          Hold the organization, a workspace, a user or a key to a number of requests or tokens per minute, or
          of requests at once — for every model or those matching a pattern. Requests over a limit are
          answered 429 with retry-after.
        </EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing="sm" aria-label="Rate limits">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Applies to</Table.Th>
                <Table.Th>Models</Table.Th>
                <Table.Th>Requests / min</Table.Th>
                <Table.Th>Tokens / min</Table.Th>
                <Table.Th>At once</Table.Th>
                {canWrite && <Table.Th w={90}>Actions</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((l) => {
                const scopeName = names.nameOf(l.scopeKind, l.scopeId);
                return (
                  <Table.Tr key={l.id}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {scopeName}
                      </Text>
                      <Badge size="xs" variant="light">
                        {SCOPE_KIND_LABELS[l.scopeKind]}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {l.model ?? "every model"}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <UseCell
                        label={`Requests per minute of ${scopeName}`}
                        used={l.use.requests}
                        limit={l.rpm}
                      />
                    </Table.Td>
                    <Table.Td>
                      <UseCell
                        label={`Tokens per minute of ${scopeName}`}
                        used={l.use.tokens}
                        limit={l.tpm}
                      />
                    </Table.Td>
                    <Table.Td>
                      <UseCell
                        label={`Requests in flight of ${scopeName}`}
                        used={l.use.concurrent}
                        limit={l.concurrency}
                      />
                    </Table.Td>
                    {canWrite && (
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <Tooltip label="Change">
                            <ActionIcon
                              variant="subtle"
                              aria-label={`Change the limit of ${scopeName}`}
                              onClick={() => setEditing(l)}
                            >
                              <IconPencil size={16} />
                            </ActionIcon>
                          </Tooltip>
                          <Tooltip label="Remove">
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              aria-label={`Remove the limit of ${scopeName}`}
                              loading={remove.isPending && remove.variables?.id === l.id}
                              onClick={() => {
                                if (window.confirm(`Remove this rate limit of ${scopeName}?`))
                                  remove.mutate(l);
                              }}
                            >
                              <IconTrash size={16} />
                            </ActionIcon>
                          </Tooltip>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <CursorPager pager={pager} nextCursor={list.data?.nextCursor} loading={list.isFetching} />
      {editing !== undefined && (
        <RateLimitFormModal
          onClose={() => setEditing(undefined)}
          {...(editing === "new" ? {} : { limit: editing })}
          names={names}
        />
      )}
    </>
  );
}
