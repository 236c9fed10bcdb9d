import { Button, Group, Modal, Select, Stack, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../../api/api-context";
import { ErrorAlert } from "../../ui/ErrorAlert";
import type { ApiKey, IssuedKey } from "./key-types";

const GRACE = [
  { value: "0", label: "None: the old key stops now" },
  { value: "3600", label: "1 hour" },
  { value: "86400", label: "1 day" },
  { value: "604800", label: "7 days" },
];

/** Issues a replacement key; the old one keeps working for the chosen grace period. */
export function RotateKeyModal({
  apiKey,
  onClose,
  onRotated,
}: {
  apiKey: ApiKey | undefined;
  onClose: () => void;
  onRotated: (issued: IssuedKey) => void;
}) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const [grace, setGrace] = useState("3600");
  const rotate = useMutation({
    mutationFn: (key: ApiKey) =>
      client.keys.rotate({
        params: { tenantId: key.tenantId, keyId: key.id },
        body: { gracePeriodSeconds: Number(grace) },
      }),
    onSuccess: (issued) => {
      void queryClient.invalidateQueries({ queryKey: ["keys.list", issued.key.tenantId] });
      onRotated(issued);
    },
  });
  return (
    <Modal opened={apiKey !== undefined} onClose={onClose} title="Rotate key">
      {apiKey && (
        <Stack>
          <Text>
            A new key replaces <b>{apiKey.name}</b> with the same settings. Deploy the new one, then let the
            old one expire.
          </Text>
          <Select
            label="The old key keeps working for"
            data={GRACE}
            value={grace}
            onChange={(v) => setGrace(v ?? "3600")}
            allowDeselect={false}
          />
          <ErrorAlert error={rotate.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button loading={rotate.isPending} onClick={() => rotate.mutate(apiKey)}>
              Rotate key
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
