import { Badge, Group, Table, Text, Title } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { CursorPager } from "../../ui/CursorPager";
import { EmptyState } from "../../ui/EmptyState";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { formatTime, formatUsd } from "../../ui/format";
import { OrderSelect } from "../../ui/OrderSelect";
import { PageLoader } from "../../ui/PageLoader";
import { useCursorPage } from "../../ui/use-cursor-page";
import { useUrlState } from "../../ui/use-url-state";

const KIND_COLORS: Record<string, string> = {
  top_up: "teal",
  redemption: "grape",
  refund: "blue",
  adjustment: "gray",
  debit: "orange",
};
const KIND_LABELS: Record<string, string> = {
  top_up: "Top-up",
  redemption: "Redemption",
  refund: "Refund",
  adjustment: "Adjustment",
  debit: "Usage",
};

/** The credit ledger, newest first by default, a page at a time (cursor and order in the URL). */
export function LedgerSection() {
  const { client } = useApi();
  const { tenantId } = useScope();
  const [filters, setFilters] = useUrlState(["order"]);
  const pager = useCursorPage();
  const query = {
    limit: 20,
    order: filters.order === "asc" ? ("asc" as const) : ("desc" as const),
    ...(pager.cursor ? { cursor: pager.cursor } : {}),
  };
  const ledger = useQuery({
    queryKey: ["billing.listLedger", tenantId, query],
    queryFn: () => client.billing.listLedger({ params: { tenantId }, query }),
    placeholderData: keepPreviousData,
  });
  const items = ledger.data?.items ?? [];
  return (
    <section aria-labelledby="ledger-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="ledger-title">
          Credit ledger
        </Title>
        <OrderSelect
          ariaLabel="Ledger order"
          value={filters.order}
          onChange={(order) => setFilters({ order })}
        />
      </Group>
      <ErrorAlert error={ledger.error} mb="sm" />
      {ledger.isPending ? (
        <PageLoader label="Loading the ledger" />
      ) : items.length === 0 && !ledger.error ? (
        <EmptyState title="No credit movements yet">
          Top up with Stripe or redeem a code above; usage is debited here once a minute while credit is used.
        </EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" aria-label="Credit ledger" data-testid="ledger">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Description</Table.Th>
                <Table.Th ta="right">Amount</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>
                    <Text size="sm">{formatTime(e.createdAt)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={KIND_COLORS[e.kind] ?? "gray"}>
                      {KIND_LABELS[e.kind] ?? e.kind}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{e.description}</Text>
                    {e.reference && (
                      <Text size="xs" c="dimmed" ff="monospace">
                        {e.reference}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" fw={500} c={e.amountNano < 0 ? undefined : "teal"}>
                      {e.amountNano > 0 ? "+" : ""}
                      {formatUsd(e.amountNano)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <CursorPager pager={pager} nextCursor={ledger.data?.nextCursor} loading={ledger.isFetching} />
    </section>
  );
}
