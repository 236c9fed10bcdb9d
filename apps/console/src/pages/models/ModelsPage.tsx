import { Anchor, Badge, Button, Card, Group, Table, Text, TextInput, Tooltip } from "@mantine/core";
import { IconPlus, IconSearch } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { CursorPager } from "../../ui/CursorPager";
import { EmptyState } from "../../ui/EmptyState";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { formatCount, formatUsd } from "../../ui/format";
import { OrderSelect } from "../../ui/OrderSelect";
import { PageHeader } from "../../ui/PageHeader";
import { PageLoader } from "../../ui/PageLoader";
import { useCursorPage } from "../../ui/use-cursor-page";
import { useUrlState } from "../../ui/use-url-state";
import { CapabilityBadges } from "./CapabilityBadges";
import { CreateModelModal } from "./CreateModelModal";
import { type DeploymentHealth, useDeploymentHealth } from "./use-deployment-health";
import { useProviders } from "./use-providers";

const PAGE_SIZE = 50;

/** The model catalog: capabilities, context window, prices per million tokens, aliases, where it routes. */
export function ModelsPage() {
  const { client } = useApi();
  const { tenantId, can } = useScope();
  const manage = can("models:manage");
  const [filters, setFilters] = useUrlState(["order", "q"]);
  const order = filters.order === "asc" ? "asc" : "desc";
  const pager = useCursorPage();
  const list = useQuery({
    queryKey: ["models.list", tenantId, { order, cursor: pager.cursor }],
    queryFn: () =>
      client.models.list({
        params: { tenantId },
        query: { limit: PAGE_SIZE, order, ...(pager.cursor ? { cursor: pager.cursor } : {}) },
      }),
    placeholderData: keepPreviousData,
  });
  const health = useDeploymentHealth();
  const { nameOf } = useProviders();
  const [creating, setCreating] = useState(false);
  const q = (filters.q ?? "").toLowerCase();
  // The API pages models by creation; the name filter narrows the page shown.
  const items = (list.data?.items ?? []).filter(
    (m) => q === "" || m.name.toLowerCase().includes(q) || m.aliases.some((a) => a.toLowerCase().includes(q)),
  );

  const createButton = manage && (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
      Create model
    </Button>
  );
  const empty = (list.data?.items.length ?? 0) === 0 && !pager.hasPrevious;
  return (
    <>
      <PageHeader
        title="Models and routes"
        description="The names clients call, their prices per million tokens, and the providers each routes to (live health refreshes every few seconds)."
        actions={createButton}
      />
      <ErrorAlert error={list.error} mb="md" />
      {list.isPending ? (
        <PageLoader label="Loading models" />
      ) : empty ? (
        <Card withBorder>
          <EmptyState title="No models yet" action={createButton || undefined}>
            {manage
              ? "Create a model and route it to a provider (add one on the Providers page first), or add a provider with models to create."
              : "An administrator creates models; you will see them here."}
          </EmptyState>
        </Card>
      ) : (
        <Card withBorder p={0}>
          <Group justify="space-between" p="sm" wrap="wrap">
            <TextInput
              aria-label="Filter by name or alias"
              placeholder="Filter by name or alias"
              leftSection={<IconSearch size={14} />}
              size="xs"
              w={260}
              value={filters.q ?? ""}
              onChange={(e) => setFilters({ q: e.currentTarget.value, cursor: pager.cursor })}
            />
            <OrderSelect value={order} onChange={(o) => setFilters({ order: o })} />
          </Group>
          <Table.ScrollContainer minWidth={960}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Model</Table.Th>
                  <Table.Th>Capabilities</Table.Th>
                  <Table.Th ta="right">Context</Table.Th>
                  <Table.Th ta="right">Input / M</Table.Th>
                  <Table.Th ta="right">Output / M</Table.Th>
                  <Table.Th>Routes to</Table.Th>
                  {health.allowed && <Table.Th>Health</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((m) => (
                  <Table.Tr key={m.id} data-testid={`model-${m.name}`}>
                    <Table.Td>
                      <Anchor component={Link} to={m.id} fw={500}>
                        {m.name}
                      </Anchor>
                      {m.aliases.length > 0 && (
                        <Text size="xs" c="dimmed">
                          also {m.aliases.join(", ")}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <CapabilityBadges capabilities={m.capabilities} />
                    </Table.Td>
                    <Table.Td ta="right">{m.contextWindow ? formatCount(m.contextWindow) : "—"}</Table.Td>
                    {m.inputPricePerMTok === 0 && m.outputPricePerMTok === 0 ? (
                      <Table.Td ta="right" colSpan={2}>
                        <Tooltip label="No price on the model: the price book or the shipped catalog prices it">
                          <Text size="sm" c="dimmed" tabIndex={0}>
                            catalog price
                          </Text>
                        </Tooltip>
                      </Table.Td>
                    ) : (
                      <>
                        <Table.Td ta="right">{formatUsd(m.inputPricePerMTok)}</Table.Td>
                        <Table.Td ta="right">{formatUsd(m.outputPricePerMTok)}</Table.Td>
                      </>
                    )}
                    <Table.Td>
                      {m.deployments.length === 0 ? (
                        <Text size="sm" c="orange">
                          nowhere yet
                        </Text>
                      ) : (
                        <Text size="sm">
                          {[...new Set(m.deployments.map((d) => nameOf(d.providerId)))].join(", ")}
                          {m.fallbackModels.length > 0 && (
                            <Text span size="xs" c="dimmed">
                              {" "}
                              · then {m.fallbackModels.join(", ")}
                            </Text>
                          )}
                        </Text>
                      )}
                    </Table.Td>
                    {health.allowed && (
                      <Table.Td>
                        <HealthSummary rows={m.deployments.map((d) => health.byId.get(d.id))} />
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {items.length === 0 && (
            <Text c="dimmed" ta="center" p="md">
              No model on this page matches “{filters.q}”.
            </Text>
          )}
          <CursorPager pager={pager} nextCursor={list.data?.nextCursor} loading={list.isFetching} />
        </Card>
      )}
      <CreateModelModal opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}

/** How many of a model's deployments are healthy, probing or open, as coloured badges. */
function HealthSummary({ rows }: { rows: Array<DeploymentHealth | undefined> }) {
  const known = rows.filter((r): r is DeploymentHealth => r !== undefined);
  if (known.length === 0)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  const count = (s: string) => known.filter((r) => r.breaker.state === s).length;
  const parts = [
    { n: count("closed"), color: "teal", label: "healthy" },
    { n: count("half_open"), color: "yellow", label: "probing" },
    { n: count("open"), color: "red", label: "open" },
  ].filter((p) => p.n > 0);
  return (
    <Group gap={4}>
      {parts.map((p) => (
        <Tooltip key={p.label} label={`${p.n} deployment(s) ${p.label}`}>
          <Badge color={p.color} variant="light" size="sm">
            {p.n} {p.label}
          </Badge>
        </Tooltip>
      ))}
    </Group>
  );
}
