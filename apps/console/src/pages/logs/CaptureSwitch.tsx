import { Stack, Switch, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { ErrorAlert } from "../../ui/ErrorAlert";

/**
 * The tenant's "Capture prompts" switch, for who may change tenant settings (tenant:update); others see
 * nothing. Off by default; the warning says what turning it on means.
 */
export function CaptureSwitch() {
  const { client } = useApi();
  const { tenantId, can } = useScope();
  const queryClient = useQueryClient();
  const allowed = can("tenant:update");
  const settings = useQuery({
    queryKey: ["capture.get", tenantId],
    queryFn: () => client.capture.get({ params: { tenantId } }),
    enabled: allowed,
  });
  const update = useMutation({
    mutationFn: (enabled: boolean) => client.capture.update({ params: { tenantId }, body: { enabled } }),
    onSuccess: (next) => {
      queryClient.setQueryData(["capture.get", tenantId], next);
      notifications.show({
        message: next.enabled
          ? "Prompt capture is on: new requests' prompts and responses are kept."
          : "Prompt capture is off.",
      });
    },
  });
  if (!allowed) return null;
  const enabled = settings.data?.enabled ?? false;
  return (
    <Stack gap={2} maw={260}>
      <Switch
        label={`Capture prompts: ${enabled ? "on" : "off"}`}
        checked={enabled}
        disabled={settings.isPending || update.isPending}
        onChange={(e) => update.mutate(e.currentTarget.checked)}
        aria-describedby="capture-warning"
      />
      <Text id="capture-warning" size="xs" c="dimmed">
        Stores request and response bodies, encrypted, as long as raw usage records are kept.
      </Text>
      <ErrorAlert error={settings.error ?? update.error} />
    </Stack>
  );
}
