import { Button, Group, List, Modal, Stack, Text } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { ErrorAlert } from "../../ui/ErrorAlert";
import type { Provider } from "./ProviderFormModal";

/**
 * Confirms deleting a provider, naming what goes with it: the deployments routed to it (by model), so
 * the models that only route there stop answering.
 */
export function DeleteProviderModal({
  provider,
  onClose,
}: {
  provider: Provider | undefined;
  onClose(): void;
}) {
  const { client } = useApi();
  const { tenantId } = useScope();
  const queryClient = useQueryClient();
  // The models are fetched whole (200 a page is the API's maximum; enough for a confirmation's list).
  const models = useQuery({
    queryKey: ["models.list", tenantId, { limit: 200, for: "delete-provider" }],
    queryFn: () => client.models.list({ params: { tenantId }, query: { limit: 200 } }),
    enabled: provider !== undefined,
  });
  const routed = (models.data?.items ?? []).flatMap((m) =>
    m.deployments.filter((d) => d.providerId === provider?.id).map((d) => ({ model: m.name, d })),
  );
  const remove = useMutation({
    mutationFn: () => client.providers.delete({ params: { tenantId, providerId: provider!.id } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["providers.list", tenantId] });
      await queryClient.invalidateQueries({ queryKey: ["models.list", tenantId] });
      onClose();
    },
  });
  return (
    <Modal opened={provider !== undefined} onClose={onClose} title="Delete provider?">
      {provider && (
        <Stack>
          <ErrorAlert error={remove.error ?? models.error} />
          <Text>
            This deletes the provider <b>{provider.name}</b> and its stored credentials
            {routed.length > 0
              ? `, and the ${routed.length} deployment(s) routed to it:`
              : ". No model routes to it."}
          </Text>
          {routed.length > 0 && (
            <List size="sm">
              {routed.map(({ model, d }) => (
                <List.Item key={d.id}>
                  {model} → {d.upstreamModel}
                </List.Item>
              ))}
            </List>
          )}
          <Text size="sm" c="dimmed">
            Models left without a deployment stop answering. This cannot be undone.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
              Delete {provider.name}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
