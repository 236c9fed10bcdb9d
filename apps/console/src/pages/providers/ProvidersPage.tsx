import { ActionIcon, Badge, Button, Card, Group, Table, Text, Tooltip } from "@mantine/core";
import {
  IconEdit,
  IconPlayerPause,
  IconPlayerPlay,
  IconPlugConnected,
  IconPlus,
  IconTrash,
} from "@tabler/icons-react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { CursorPager } from "../../ui/CursorPager";
import { EmptyState } from "../../ui/EmptyState";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { formatTime } from "../../ui/format";
import { OrderSelect } from "../../ui/OrderSelect";
import { PageHeader } from "../../ui/PageHeader";
import { PageLoader } from "../../ui/PageLoader";
import { useCursorPage } from "../../ui/use-cursor-page";
import { useUrlState } from "../../ui/use-url-state";
import { type ConnectionTest, ConnectionTestResult } from "./ConnectionTestResult";
import { DeleteProviderModal } from "./DeleteProviderModal";
import { LocalModelsModal } from "./LocalModelsModal";
import { type Provider, ProviderFormModal } from "./ProviderFormModal";
import { KIND_SPECS, type ProviderKind } from "./provider-kinds";

const PAGE_SIZE = 25;

/** The tenant's providers: add (per kind), test the connection, edit, delete; credentials masked. */
export function ProvidersPage() {
  const { client } = useApi();
  const { tenantId, can } = useScope();
  const manage = can("providers:manage");
  const [filters, setFilters] = useUrlState(["order"]);
  const order = filters.order === "asc" ? "asc" : "desc";
  const pager = useCursorPage();
  const list = useQuery({
    queryKey: ["providers.list", tenantId, { order, cursor: pager.cursor }],
    queryFn: () =>
      client.providers.list({
        params: { tenantId },
        query: { limit: PAGE_SIZE, order, ...(pager.cursor ? { cursor: pager.cursor } : {}) },
      }),
    placeholderData: keepPreviousData,
  });
  const [editing, setEditing] = useState<Provider | "new" | undefined>();
  const [deleting, setDeleting] = useState<Provider | undefined>();
  const [local, setLocal] = useState<Provider | undefined>();
  const [tests, setTests] = useState<Record<string, ConnectionTest>>({});
  const test = useMutation({
    mutationFn: (providerId: string) => client.providers.testConnection({ params: { tenantId, providerId } }),
    onMutate: (id) => setTests((t) => ({ ...t, [id]: { state: "pending" } })),
    onSuccess: (result, id) => setTests((t) => ({ ...t, [id]: { state: "done", result } })),
    onError: (error, id) => setTests((t) => ({ ...t, [id]: { state: "failed", error } })),
  });
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: (p: Provider) =>
      client.providers.update({ params: { tenantId, providerId: p.id }, body: { disabled: !p.disabled } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["providers.list", tenantId] });
      await queryClient.invalidateQueries({ queryKey: ["models.list", tenantId] });
    },
  });
  const items = list.data?.items ?? [];

  const addButton = manage && (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing("new")}>
      Add provider
    </Button>
  );
  return (
    <>
      <PageHeader
        title="Providers"
        description="Upstream APIs this tenant routes to, with their credentials (encrypted; only the last four characters are ever shown)."
        actions={addButton}
      />
      <ErrorAlert error={list.error ?? toggle.error} mb="md" />
      {list.isPending ? (
        <PageLoader label="Loading providers" />
      ) : items.length === 0 && !pager.hasPrevious ? (
        <Card withBorder>
          <EmptyState title="No providers yet" action={addButton || undefined}>
            {manage
              ? "Add one: an OpenAI-compatible endpoint, Azure OpenAI, Anthropic, Gemini, Bedrock or Ollama. Then create models routed to it."
              : "An administrator adds providers; you will see them here."}
          </EmptyState>
        </Card>
      ) : (
        <Card withBorder p={0}>
          <Group justify="flex-end" p="sm">
            <OrderSelect value={order} onChange={(o) => setFilters({ order: o })} />
          </Group>
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Kind</Table.Th>
                  <Table.Th>Base URL</Table.Th>
                  <Table.Th>Credential</Table.Th>
                  <Table.Th>Added</Table.Th>
                  {manage && <Table.Th>Connection</Table.Th>}
                  {manage && <Table.Th aria-label="Actions" />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((p) => (
                  <Table.Tr key={p.id} data-testid={`provider-${p.name}`}>
                    <Table.Td>
                      <Text fw={500}>{p.name}</Text>
                      {p.disabled && (
                        <Badge size="xs" color="orange" variant="light" mr={4}>
                          disabled
                        </Badge>
                      )}
                      {p.origin === "platform" && (
                        <Badge size="xs" variant="outline" color="gray">
                          set up by the operator
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {KIND_SPECS[p.kind as ProviderKind]?.label ?? p.kind}
                      {p.kind === "ollama" && (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          display="block"
                          onClick={() => setLocal(p)}
                          aria-label={`Local models of ${p.name}`}
                        >
                          Local models
                        </Button>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace" style={{ wordBreak: "break-all" }}>
                        {p.baseUrl}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {p.credentialLastFour ? (
                        <code>{p.credentialLastFour}</code>
                      ) : (
                        <Text c="dimmed">none</Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatTime(p.createdAt)}</Text>
                    </Table.Td>
                    {manage && (
                      <Table.Td>
                        <ConnectionTestResult test={tests[p.id]} />
                      </Table.Td>
                    )}
                    {manage && (
                      <Table.Td>
                        <Group gap={4} wrap="nowrap" justify="flex-end">
                          <Button
                            size="xs"
                            variant="light"
                            leftSection={<IconPlugConnected size={14} />}
                            loading={tests[p.id]?.state === "pending"}
                            onClick={() => test.mutate(p.id)}
                            aria-label={`Test connection to ${p.name}`}
                          >
                            Test
                          </Button>
                          <Tooltip
                            label={
                              p.disabled
                                ? "Enable: route to it again"
                                : "Disable: stop routing to it, keep everything"
                            }
                          >
                            <ActionIcon
                              variant="subtle"
                              color={p.disabled ? "teal" : "orange"}
                              aria-label={`${p.disabled ? "Enable" : "Disable"} ${p.name}`}
                              loading={toggle.isPending && toggle.variables?.id === p.id}
                              onClick={() => toggle.mutate(p)}
                            >
                              {p.disabled ? <IconPlayerPlay size={16} /> : <IconPlayerPause size={16} />}
                            </ActionIcon>
                          </Tooltip>
                          <Tooltip label="Edit">
                            <ActionIcon
                              variant="subtle"
                              aria-label={`Edit ${p.name}`}
                              onClick={() => setEditing(p)}
                            >
                              <IconEdit size={16} />
                            </ActionIcon>
                          </Tooltip>
                          <Tooltip label="Delete">
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              aria-label={`Delete ${p.name}`}
                              onClick={() => setDeleting(p)}
                            >
                              <IconTrash size={16} />
                            </ActionIcon>
                          </Tooltip>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <CursorPager pager={pager} nextCursor={list.data?.nextCursor} loading={list.isFetching} />
        </Card>
      )}
      <ProviderFormModal
        opened={editing !== undefined}
        provider={editing === "new" ? undefined : editing}
        onClose={() => setEditing(undefined)}
        onSaved={(saved) => {
          setEditing(undefined);
          // A new or changed provider is tested at once: the result shows in its row.
          test.mutate(saved.id);
        }}
      />
      <DeleteProviderModal provider={deleting} onClose={() => setDeleting(undefined)} />
      <LocalModelsModal provider={local} onClose={() => setLocal(undefined)} />
    </>
  );
}
