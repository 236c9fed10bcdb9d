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
import { formatCount, formatTime, formatUsd } from "../../ui/format";
import { OrderSelect } from "../../ui/OrderSelect";
import { PageLoader } from "../../ui/PageLoader";
import { useCursorPage } from "../../ui/use-cursor-page";
import { useUrlState } from "../../ui/use-url-state";
import { BudgetFormModal } from "./BudgetFormModal";
import { UsageBar } from "./UsageBar";
import { SCOPE_KIND_LABELS, type ScopeKind, useScopeNames } from "./use-scope-names";

type Budget = PageItem<"budgets.list">;

const SCOPE_FILTER = [
  { value: "", label: "Every scope" },
  ...(Object.keys(SCOPE_KIND_LABELS) as ScopeKind[]).map((k) => ({ value: k, label: SCOPE_KIND_LABELS[k] })),
];

/** Budgets and token quotas with this period's use as bars; admins create, change and delete them. */
export function BudgetsSection() {
  const { client } = useApi();
  const { tenantId, can } = useScope();
  const queryClient = useQueryClient();
  const names = useScopeNames();
  const [filters, setFilters] = useUrlState(["scopeKind", "order"]);
  const pager = useCursorPage();
  const canManage = can("billing:manage");
  const [editing, setEditing] = useState<Budget | "new" | undefined>();
  const query = {
    limit: 25,
    order: filters.order === "asc" ? ("asc" as const) : ("desc" as const),
    ...(filters.scopeKind ? { scopeKind: filters.scopeKind as ScopeKind } : {}),
    ...(pager.cursor ? { cursor: pager.cursor } : {}),
  };
  const list = useQuery({
    queryKey: ["budgets.list", tenantId, query],
    queryFn: () => client.budgets.list({ params: { tenantId }, query }),
    placeholderData: keepPreviousData,
    // Spend moves while the page is open: the bars follow it.
    refetchInterval: 5_000,
  });
  const remove = useMutation({
    mutationFn: (b: Budget) => client.budgets.delete({ params: { tenantId, budgetId: b.id } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["budgets.list", tenantId] }),
  });

  const items = list.data?.items ?? [];
  const formatLimit = (b: Budget) => (n: number) =>
    b.metric === "cost" ? formatUsd(n) : `${formatCount(n)} tokens`;
  return (
    <>
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Group gap="xs">
          <Select
            aria-label="Filter by scope"
            data={SCOPE_FILTER}
            value={filters.scopeKind ?? ""}
            onChange={(v) => setFilters({ scopeKind: v || undefined })}
            allowDeselect={false}
            w={180}
          />
          <OrderSelect ariaLabel="Order" value={filters.order} onChange={(order) => setFilters({ order })} />
        </Group>
        {canManage && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing("new")}>
            New budget
          </Button>
        )}
      </Group>
      <ErrorAlert error={list.error} mb="sm" />
      <ErrorAlert error={remove.error} title="Could not delete the budget" mb="sm" />
      {list.isPending ? (
        <PageLoader label="Loading budgets" />
      ) : items.length === 0 && !list.error ? (
        <EmptyState
          title={filters.scopeKind ? "No budgets for this scope" : "No budgets or quotas yet"}
          action={
            canManage && (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing("new")}>
                New budget
              </Button>
            )
          }
        >
          Cap what the organization, a workspace, a user or a single API key may spend (USD) or use (tokens)
          per day, week, month or in total. Requests that could pass a cap are refused before they reach a
          provider.
        </EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={820}>
          <Table verticalSpacing="sm" highlightOnHover aria-label="Budgets and quotas">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Applies to</Table.Th>
                <Table.Th>Cap</Table.Th>
                <Table.Th w={300}>This period</Table.Th>
                <Table.Th>Resets</Table.Th>
                {canManage && <Table.Th w={90}>Actions</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((b) => {
                const scopeName = names.nameOf(b.scopeKind, b.scopeId);
                const label = `${b.period} ${b.metric === "cost" ? "budget" : "quota"} of ${scopeName}`;
                return (
                  <Table.Tr key={b.id} data-testid={`budget-${b.id}`}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {scopeName}
                      </Text>
                      <Group gap={4}>
                        <Badge size="xs" variant="light">
                          {SCOPE_KIND_LABELS[b.scopeKind]}
                        </Badge>
                        {b.setBy === "member" && (
                          <Badge size="xs" variant="light" color="gray">
                            set by the key's owner
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatLimit(b)(b.limit)}</Text>
                      <Text size="xs" c="dimmed">
                        {b.period} {b.metric === "cost" ? "spend" : "tokens"}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <UsageBar
                        label={`Use of the ${label}`}
                        used={b.current.spent}
                        reserved={b.current.reserved}
                        limit={b.limit}
                        format={formatLimit(b)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{b.current.periodEnd ? formatTime(b.current.periodEnd) : "Never"}</Text>
                    </Table.Td>
                    {canManage && (
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <Tooltip label="Change the cap">
                            <ActionIcon
                              variant="subtle"
                              aria-label={`Change the cap of the ${label}`}
                              onClick={() => setEditing(b)}
                            >
                              <IconPencil size={16} />
                            </ActionIcon>
                          </Tooltip>
                          <Tooltip label="Delete">
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              aria-label={`Delete the ${label}`}
                              loading={remove.isPending && remove.variables?.id === b.id}
                              onClick={() => {
                                if (
                                  window.confirm(
                                    `Delete the ${label}? Requests will no longer be held to it.`,
                                  )
                                )
                                  remove.mutate(b);
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
        <BudgetFormModal
          opened
          onClose={() => setEditing(undefined)}
          {...(editing === "new" ? {} : { budget: editing })}
          names={names}
        />
      )}
    </>
  );
}
