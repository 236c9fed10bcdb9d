import { ActionIcon, Button, Group, Modal, Stack, Table, Text, Tooltip } from "@mantine/core";
import { IconCheck, IconPlus, IconTrash } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { EmptyState } from "../../ui/EmptyState";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { formatTime } from "../../ui/format";
import { PageLoader } from "../../ui/PageLoader";
import type { Provider } from "./ProviderFormModal";
import { PullModelForm } from "./PullModelForm";

/** Bytes as people read them (2.0 GB). */
function formatBytes(n: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = n;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/**
 * The local models of an Ollama provider (docs/local-models.md): what is pulled (size, family, modified),
 * pull with a progress bar, delete with a confirmation, and "Add to catalog" in one step.
 */
export function LocalModelsModal({ provider, onClose }: { provider: Provider | undefined; onClose(): void }) {
  const { client } = useApi();
  const { tenantId, can } = useScope();
  const manage = can("providers:manage");
  const register = manage && can("models:manage");
  const queryClient = useQueryClient();
  const providerId = provider?.id ?? "";
  const list = useQuery({
    queryKey: ["ollama.listModels", tenantId, providerId],
    queryFn: () => client.ollama.listModels({ params: { tenantId, providerId } }),
    enabled: provider !== undefined,
  });
  const [confirming, setConfirming] = useState<string | undefined>();
  const [added, setAdded] = useState<Record<string, string>>({});
  const remove = useMutation({
    mutationFn: (model: string) => client.ollama.deleteModel({ params: { tenantId, providerId, model } }),
    onSuccess: async () => {
      setConfirming(undefined);
      await queryClient.invalidateQueries({ queryKey: ["ollama.listModels", tenantId, providerId] });
    },
  });
  const add = useMutation({
    mutationFn: (model: string) =>
      client.ollama.registerModel({ params: { tenantId, providerId }, body: { model } }),
    onSuccess: async (created, model) => {
      setAdded((a) => ({ ...a, [model]: created.name }));
      await queryClient.invalidateQueries({ queryKey: ["models.list", tenantId] });
    },
  });
  const items = list.data?.items ?? [];
  return (
    <Modal
      opened={provider !== undefined}
      onClose={onClose}
      title={`Local models of ${provider?.name ?? ""}`}
      size="xl"
    >
      <Stack>
        {manage && provider && <PullModelForm providerId={provider.id} />}
        <ErrorAlert error={list.error ?? remove.error ?? add.error} />
        {list.isPending ? (
          <PageLoader label="Loading local models" />
        ) : items.length === 0 ? (
          <EmptyState title="No models pulled">
            {manage
              ? "Pull one above (e.g. llama3.2)."
              : "An administrator pulls models onto this Ollama server."}
          </EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={700}>
            <Table verticalSpacing="xs" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Model</Table.Th>
                  <Table.Th>Size</Table.Th>
                  <Table.Th>Family</Table.Th>
                  <Table.Th>Parameters</Table.Th>
                  <Table.Th>Modified</Table.Th>
                  {manage && <Table.Th aria-label="Actions" />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((m) => (
                  <Table.Tr key={m.name} data-testid={`local-model-${m.name}`}>
                    <Table.Td>
                      <Text ff="monospace" size="sm">
                        {m.name}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{formatBytes(m.size)}</Table.Td>
                    <Table.Td>{m.details.family ?? "—"}</Table.Td>
                    <Table.Td>
                      {[m.details.parameterSize, m.details.quantization].filter(Boolean).join(" · ") || "—"}
                    </Table.Td>
                    <Table.Td>{m.modifiedAt ? formatTime(m.modifiedAt) : "—"}</Table.Td>
                    {manage && (
                      <Table.Td>
                        <Group gap={4} wrap="nowrap" justify="flex-end">
                          {register &&
                            (added[m.name] ? (
                              <Text size="xs" c="teal">
                                <IconCheck size={12} /> In the catalog as {added[m.name]}
                              </Text>
                            ) : (
                              <Button
                                size="xs"
                                variant="light"
                                leftSection={<IconPlus size={14} />}
                                loading={add.isPending && add.variables === m.name}
                                onClick={() => add.mutate(m.name)}
                                aria-label={`Add ${m.name} to catalog`}
                              >
                                Add to catalog
                              </Button>
                            ))}
                          {confirming === m.name ? (
                            <Button
                              size="xs"
                              color="red"
                              loading={remove.isPending}
                              onClick={() => remove.mutate(m.name)}
                            >
                              Delete {m.name}?
                            </Button>
                          ) : (
                            <Tooltip label="Delete from the Ollama server">
                              <ActionIcon
                                variant="subtle"
                                color="red"
                                aria-label={`Delete ${m.name}`}
                                onClick={() => setConfirming(m.name)}
                              >
                                <IconTrash size={16} />
                              </ActionIcon>
                            </Tooltip>
                          )}
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Modal>
  );
}
