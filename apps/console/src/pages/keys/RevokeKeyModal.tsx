import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../api/api-context";
import { ErrorAlert } from "../../ui/ErrorAlert";
import type { ApiKey } from "./key-types";

/** Asks before revoking a key: every request with it is refused within a second, for good. */
export function RevokeKeyModal({ apiKey, onClose }: { apiKey: ApiKey | undefined; onClose: () => void }) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: (key: ApiKey) => client.keys.revoke({ params: { tenantId: key.tenantId, keyId: key.id } }),
    onSuccess: (key) => {
      void queryClient.invalidateQueries({ queryKey: ["keys.list", key.tenantId] });
      void queryClient.invalidateQueries({ queryKey: ["keys.get", key.tenantId, key.id] });
      onClose();
    },
  });
  return (
    <Modal opened={apiKey !== undefined} onClose={onClose} title="Revoke this key?">
      {apiKey && (
        <Stack>
          <Text>
            Every request with <b>{apiKey.name}</b> ({apiKey.prefix}…) will be refused within a second. This
            cannot be undone: whoever uses it needs a new key.
          </Text>
          <ErrorAlert error={revoke.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button color="red" loading={revoke.isPending} onClick={() => revoke.mutate(apiKey)}>
              Revoke key
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
