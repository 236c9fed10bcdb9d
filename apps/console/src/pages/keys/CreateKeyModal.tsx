import { Button, Group, Modal, Select, Stack } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { expiryOf } from "./expiry-choices";
import { KeySettingsFields, NEW_KEY_SETTINGS } from "./KeySettingsFields";
import type { IssuedKey } from "./key-types";
import { capOf, saveKeyCap } from "./save-key-cap";
import { limitErrorsOf, saveKeyLimit } from "./save-key-limit";

/**
 * Creates a key in a workspace (the current one unless another is chosen), then its spend cap if one was
 * typed; hands the issued key (with its one-time secret) to `onCreated`.
 */
export function CreateKeyModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (issued: IssuedKey) => void;
}) {
  const { client } = useApi();
  const scope = useScope();
  const queryClient = useQueryClient();
  const writable = scope.workspaces.filter((w) => scope.can("keys:create", w.id));
  const [workspaceId, setWorkspaceId] = useState<string | null>(null);
  const chosen = workspaceId ?? scope.workspace?.id ?? writable[0]?.id ?? null;
  const [settings, setSettings] = useState(NEW_KEY_SETTINGS);
  const cap = capOf(settings);
  const limitErrors = limitErrorsOf(settings);
  const valid = cap !== "invalid" && !limitErrors.rpm && !limitErrors.tpm;
  const create = useMutation({
    mutationFn: async () => {
      if (chosen === null) throw new Error("Choose a workspace.");
      const issued = await client.keys.create({
        params: { tenantId: scope.tenantId, workspaceId: chosen },
        body: {
          name: settings.name,
          expiresAt: expiryOf(settings.expiry),
          allowedModels: settings.allowedModels.length ? settings.allowedModels : null,
          allowedCidrs: settings.allowedCidrs.length ? settings.allowedCidrs : null,
        },
      });
      // The key exists: its secret must still be shown; a refused cap or limit is reported beside it.
      const report = (what: string) => (error: unknown) =>
        notifications.show({
          color: "red",
          title: `The key was created without its ${what}`,
          message: error instanceof Error ? error.message : String(error),
        });
      await saveKeyCap(client, scope.tenantId, issued.key.id, settings).catch(report("spend cap"));
      await saveKeyLimit(client, scope.tenantId, issued.key.id, settings).catch(report("rate limit"));
      return issued;
    },
    onSuccess: (issued) => {
      void queryClient.invalidateQueries({ queryKey: ["keys.list", scope.tenantId] });
      void queryClient.invalidateQueries({ queryKey: ["budgets.list", scope.tenantId] });
      void queryClient.invalidateQueries({ queryKey: ["rateLimits.list", scope.tenantId] });
      setSettings(NEW_KEY_SETTINGS);
      onCreated(issued);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (valid) create.mutate();
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Create API key" size="lg">
      <form onSubmit={submit}>
        <Stack>
          <ErrorAlert error={create.error} />
          <Select
            label="Workspace"
            description="The key calls models and is billed in this workspace."
            data={writable.map((w) => ({ value: w.id, label: w.name }))}
            value={chosen}
            onChange={setWorkspaceId}
            allowDeselect={false}
            required
          />
          <KeySettingsFields
            value={settings}
            onChange={setSettings}
            capError={cap === "invalid" ? "An amount in dollars, e.g. 25 or 12.50." : undefined}
            limitErrors={limitErrors}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create key
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
