import type { OperationOutput } from "@gatehouse/sdk";
import { Button, Code, Drawer, Group, Loader, Stack, Table, Text } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { formatAgo, formatTime, formatUsd } from "../../ui/format";
import { expiryOf } from "./expiry-choices";
import { type KeySettings, KeySettingsFields, NEW_KEY_SETTINGS } from "./KeySettingsFields";
import { KeyStatusBadge } from "./KeyStatusBadge";
import type { ApiKey } from "./key-types";
import { capOf, saveKeyCap } from "./save-key-cap";
import { limitErrorsOf, saveKeyLimit } from "./save-key-limit";
import { useMemberNames } from "./use-member-names";

/** One key in a drawer: its details, its spend caps, and (for who may change it) an edit form. */
export function KeyDrawer({
  keyId,
  canWrite,
  onClose,
}: {
  keyId: string | undefined;
  canWrite: (key: ApiKey) => boolean;
  onClose: () => void;
}) {
  const { client } = useApi();
  const { tenantId } = useScope();
  const key = useQuery({
    queryKey: ["keys.get", tenantId, keyId],
    queryFn: () => client.keys.get({ params: { tenantId, keyId: keyId ?? "" } }),
    enabled: keyId !== undefined,
  });
  return (
    <Drawer opened={keyId !== undefined} onClose={onClose} title="API key" position="right" size="lg">
      <ErrorAlert error={key.error} />
      {key.isLoading && <Loader aria-label="Loading the key" />}
      {key.data && <KeyDetails apiKey={key.data} editable={canWrite(key.data)} />}
    </Drawer>
  );
}

function KeyDetails({ apiKey, editable }: { apiKey: ApiKey; editable: boolean }) {
  const scope = useScope();
  const workspace = scope.workspaces.find((w) => w.id === apiKey.workspaceId);
  const ownerName = useMemberNames();
  const rows: Array<[string, React.ReactNode]> = [
    ["Status", <KeyStatusBadge key="s" status={apiKey.status} />],
    ["Key", <Code key="p">{apiKey.prefix}…</Code>],
    ["Workspace", workspace?.name ?? apiKey.workspaceId],
    [
      "Owner",
      apiKey.userId === null ? `Service account ${apiKey.serviceAccountId ?? ""}` : ownerName(apiKey.userId),
    ],
    ["Created", formatTime(apiKey.createdAt)],
    ["Expires", apiKey.expiresAt === null ? "Never" : formatTime(apiKey.expiresAt)],
    ["Last used", formatAgo(apiKey.lastUsedAt)],
    ["Allowed models", apiKey.allowedModels?.join(", ") || "Every model the workspace allows"],
    ["Allowed IP ranges", apiKey.allowedCidrs?.join(", ") || "Any address"],
  ];
  return (
    <Stack>
      <Text fw={600} size="lg">
        {apiKey.name}
      </Text>
      <Table>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={160}>{label}</Table.Th>
              <Table.Td>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {scope.can("billing:read") && <KeyCaps apiKey={apiKey} />}
      {scope.can("keys:read") ? (
        <KeyLimitsAndForm apiKey={apiKey} editable={editable} />
      ) : (
        editable && apiKey.status === "active" && <EditKeyForm apiKey={apiKey} />
      )}
    </Stack>
  );
}

function KeyCaps({ apiKey }: { apiKey: ApiKey }) {
  const { client } = useApi();
  const caps = useQuery({
    queryKey: ["budgets.list", apiKey.tenantId, "key", apiKey.id],
    queryFn: () =>
      client.budgets.list({
        params: { tenantId: apiKey.tenantId },
        query: { scopeKind: "key", scopeId: apiKey.id, limit: 20, order: "desc" },
      }),
  });
  if (caps.error) return <ErrorAlert error={caps.error} />;
  const items = caps.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Stack gap={4}>
      <Text fw={600}>Caps on this key</Text>
      {items.map((b) => (
        <Text key={b.id} size="sm">
          {b.metric === "cost" ? formatUsd(b.limit) : `${b.limit} tokens`} {b.period} (set by {b.setBy}) —{" "}
          {b.metric === "cost" ? formatUsd(b.current.spent) : b.current.spent} used
        </Text>
      ))}
    </Stack>
  );
}

type KeyLimit = OperationOutput<"rateLimits.list">["items"][number];

/** The key's rate limits with their use now, and the edit form (prefilled with the every-model limit). */
function KeyLimitsAndForm({ apiKey, editable }: { apiKey: ApiKey; editable: boolean }) {
  const { client } = useApi();
  const limits = useQuery({
    queryKey: ["rateLimits.list", apiKey.tenantId, "key", apiKey.id],
    queryFn: () =>
      client.rateLimits.list({
        params: { tenantId: apiKey.tenantId },
        query: { scopeKind: "key", scopeId: apiKey.id, limit: 50, order: "asc" },
      }),
  });
  if (limits.error) return <ErrorAlert error={limits.error} />;
  if (!limits.data) return <Loader size="sm" aria-label="Loading the key's limits" />;
  const items = limits.data.items;
  return (
    <>
      {items.length > 0 && (
        <Stack gap={4}>
          <Text fw={600}>Rate limits on this key</Text>
          {items.map((l) => (
            <Text key={l.id} size="sm">
              {l.model ?? "Every model"}:{" "}
              {l.rpm === null ? "" : `${l.use.requests ?? 0} / ${l.rpm} requests per minute `}
              {l.tpm === null ? "" : `${l.use.tokens ?? 0} / ${l.tpm} tokens per minute `}
              {l.concurrency === null ? "" : `${l.use.concurrent ?? 0} / ${l.concurrency} at once`}
            </Text>
          ))}
        </Stack>
      )}
      {editable && apiKey.status === "active" && (
        <EditKeyForm apiKey={apiKey} limit={items.find((l) => l.model === null)} />
      )}
    </>
  );
}

function EditKeyForm({ apiKey, limit }: { apiKey: ApiKey; limit?: KeyLimit | undefined }) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const initial = (): KeySettings => ({
    ...NEW_KEY_SETTINGS,
    name: apiKey.name,
    expiry: "keep",
    allowedModels: apiKey.allowedModels ?? [],
    allowedCidrs: apiKey.allowedCidrs ?? [],
    rpm: limit?.rpm == null ? "" : String(limit.rpm),
    tpm: limit?.tpm == null ? "" : String(limit.tpm),
  });
  const [settings, setSettings] = useState(initial);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when another key or version opens
  useEffect(() => setSettings(initial()), [apiKey, limit]);
  const cap = capOf(settings);
  const limitErrors = limitErrorsOf(settings);
  const save = useMutation({
    mutationFn: async () => {
      const updated = await client.keys.update({
        params: { tenantId: apiKey.tenantId, keyId: apiKey.id },
        body: {
          name: settings.name,
          ...(settings.expiry === "keep" ? {} : { expiresAt: expiryOf(settings.expiry) }),
          allowedModels: settings.allowedModels.length ? settings.allowedModels : null,
          allowedCidrs: settings.allowedCidrs.length ? settings.allowedCidrs : null,
        },
      });
      await saveKeyCap(client, apiKey.tenantId, apiKey.id, settings);
      await saveKeyLimit(client, apiKey.tenantId, apiKey.id, settings, limit?.id);
      return updated;
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["keys.list", apiKey.tenantId] });
      void queryClient.invalidateQueries({ queryKey: ["keys.get", apiKey.tenantId, apiKey.id] });
      void queryClient.invalidateQueries({ queryKey: ["budgets.list", apiKey.tenantId] });
      void queryClient.invalidateQueries({ queryKey: ["rateLimits.list", apiKey.tenantId] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (cap !== "invalid" && !limitErrors.rpm && !limitErrors.tpm) save.mutate();
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        <Text fw={600}>Edit</Text>
        <ErrorAlert error={save.error} />
        {save.isSuccess && (
          <Text size="sm" c="green" role="status">
            Saved.
          </Text>
        )}
        <KeySettingsFields
          value={settings}
          onChange={setSettings}
          keepExpiryLabel={
            apiKey.expiresAt === null ? "Keep: never" : `Keep: ${formatTime(apiKey.expiresAt)}`
          }
          capError={cap === "invalid" ? "An amount in dollars, e.g. 25 or 12.50." : undefined}
          limitErrors={limitErrors}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            Save changes
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
