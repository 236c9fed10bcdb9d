import type { PageItem } from "@gatehouse/sdk";
import { ActionIcon, Badge, Button, Group, Table, Text, Title, Tooltip } from "@mantine/core";
import { IconPencil, IconPlus } from "@tabler/icons-react";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { CursorPager } from "../../ui/CursorPager";
import { EmptyState } from "../../ui/EmptyState";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { formatCount, formatUsd } from "../../ui/format";
import { PageLoader } from "../../ui/PageLoader";
import { PlanFormModal } from "./PlanFormModal";
import { useLocalCursorPage } from "./use-local-cursor-page";

type Plan = PageItem<"billing.listPlans">;

const limitsOf = (p: Plan) =>
  [
    p.rpm && `${formatCount(p.rpm)} req/min`,
    p.tpm && `${formatCount(p.tpm)} tok/min`,
    p.concurrency && `${p.concurrency} at once`,
  ]
    .filter(Boolean)
    .join(" · ") || "no limits";

/**
 * The installation's plans; the tenant's current one marked, a Stripe subscription for plans with a
 * price; the operator creates and edits plans.
 */
export function PlansSection({
  currentPlanId,
  isOperator,
}: {
  currentPlanId: string | null;
  isOperator: boolean;
}) {
  const { client } = useApi();
  const { tenantId, can } = useScope();
  const pager = useLocalCursorPage();
  const [editing, setEditing] = useState<Plan | "new" | undefined>();
  const query = { limit: 20, order: "asc" as const, ...(pager.cursor ? { cursor: pager.cursor } : {}) };
  const plans = useQuery({
    queryKey: ["billing.listPlans", query],
    queryFn: () => client.billing.listPlans({ query }),
    placeholderData: keepPreviousData,
  });
  const subscribe = useMutation({
    mutationFn: (planId: string) =>
      client.billing.createCheckout({ params: { tenantId }, body: { kind: "subscription", planId } }),
    onSuccess: (answer) => window.location.assign(answer.url),
  });
  const items = plans.data?.items ?? [];
  return (
    <section aria-labelledby="plans-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="plans-title">
          Plans
        </Title>
        {isOperator && (
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setEditing("new")}>
            New plan
          </Button>
        )}
      </Group>
      <ErrorAlert error={plans.error ?? subscribe.error} mb="sm" />
      {plans.isPending ? (
        <PageLoader label="Loading plans" />
      ) : items.length === 0 && !plans.error ? (
        <EmptyState title="No plans yet">
          {isOperator
            ? "Create a plan to give tenants allowed models, default limits and included credit."
            : "The operator of this installation has not set up plans; usage is paid from credit."}
        </EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" aria-label="Plans">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Plan</Table.Th>
                <Table.Th>Models</Table.Th>
                <Table.Th>Limits</Table.Th>
                <Table.Th>Included each month</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Group gap={6}>
                      <Text size="sm" fw={500}>
                        {p.name}
                      </Text>
                      {p.id === currentPlanId && (
                        <Badge size="xs" color="grape">
                          current
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" ff="monospace">
                      {p.models.join(", ") || "none"}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{limitsOf(p)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {[
                        p.includedNano && formatUsd(p.includedNano),
                        p.includedTokens && `${formatCount(p.includedTokens)} tokens`,
                      ]
                        .filter(Boolean)
                        .join(" + ") || "—"}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      {can("billing:manage") && p.stripePriceId && p.id !== currentPlanId && (
                        <Button
                          size="xs"
                          variant="light"
                          loading={subscribe.isPending && subscribe.variables === p.id}
                          onClick={() => subscribe.mutate(p.id)}
                        >
                          Subscribe
                        </Button>
                      )}
                      {isOperator && (
                        <Tooltip label="Edit plan">
                          <ActionIcon
                            variant="subtle"
                            aria-label={`Edit plan ${p.name}`}
                            onClick={() => setEditing(p)}
                          >
                            <IconPencil size={16} />
                          </ActionIcon>
                        </Tooltip>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <CursorPager pager={pager} nextCursor={plans.data?.nextCursor} loading={plans.isFetching} />
      {editing !== undefined && (
        <PlanFormModal
          {...(editing === "new" ? {} : { plan: editing })}
          onClose={() => setEditing(undefined)}
        />
      )}
    </section>
  );
}
