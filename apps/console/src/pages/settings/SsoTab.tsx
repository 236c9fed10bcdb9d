import { GatehouseApiError } from "@gatehouse/sdk";
import {
  Alert,
  Button,
  Code,
  Group,
  Paper,
  PasswordInput,
  Select,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { PageLoader } from "../../ui/PageLoader";
import { type RuleDraft, SsoRulesEditor, TENANT_ROLES } from "./SsoRulesEditor";

interface Draft {
  issuer: string;
  clientId: string;
  clientSecret: string;
  extraScopes: string[];
  groupsClaim: string;
  defaultTenantRole: string;
  rules: RuleDraft[];
  allowedDomains: string[];
  jitProvisioning: boolean;
  enabled: boolean;
}

const EMPTY: Draft = {
  issuer: "",
  clientId: "",
  clientSecret: "",
  extraScopes: [],
  groupsClaim: "groups",
  defaultTenantRole: "",
  rules: [],
  allowedDomains: [],
  jitProvisioning: false,
  enabled: true,
};

/** The tenant's OpenID Connect settings (docs/sso.md): the client secret is write-only. */
export function SsoTab() {
  const { client } = useApi();
  const { tenantId, can } = useScope();
  const queryClient = useQueryClient();
  const writable = can("tenant:update");
  const sso = useQuery({
    queryKey: ["sso.get", tenantId],
    queryFn: async () => {
      try {
        return await client.sso.get({ params: { tenantId } });
      } catch (error) {
        if (error instanceof GatehouseApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
  const [draft, setDraft] = useState<Draft | undefined>();
  const config = sso.data ?? null;
  const form: Draft =
    draft ??
    (config
      ? {
          issuer: config.issuer,
          clientId: config.clientId,
          clientSecret: "",
          extraScopes: config.extraScopes,
          groupsClaim: config.mapping.groupsClaim ?? "groups",
          defaultTenantRole: config.mapping.defaultTenantRole ?? "",
          rules: config.mapping.rules.map((r) => ({
            group: r.group,
            tenantRole: r.tenantRole ?? "",
            workspace: r.workspace ?? "",
            workspaceRole: r.workspaceRole ?? "",
          })),
          allowedDomains: config.allowedDomains,
          jitProvisioning: config.jitProvisioning,
          enabled: config.enabled,
        }
      : EMPTY);
  const edit = (patch: Partial<Draft>) => setDraft({ ...form, ...patch });
  const done = async (message: string) => {
    setDraft(undefined);
    await queryClient.invalidateQueries({ queryKey: ["sso.get", tenantId] });
    notifications.show({ message });
  };
  const save = useMutation({
    mutationFn: () =>
      client.sso.put({
        params: { tenantId },
        body: {
          issuer: form.issuer.trim(),
          clientId: form.clientId.trim(),
          ...(form.clientSecret !== "" && { clientSecret: form.clientSecret }),
          extraScopes: form.extraScopes,
          mapping: {
            groupsClaim: form.groupsClaim.trim() || "groups",
            defaultTenantRole: (form.defaultTenantRole || null) as never,
            rules: form.rules.map((r) => ({
              group: r.group.trim(),
              ...(r.tenantRole && { tenantRole: r.tenantRole as never }),
              ...(r.workspace.trim() && { workspace: r.workspace.trim() }),
              ...(r.workspaceRole && { workspaceRole: r.workspaceRole as never }),
            })),
          },
          allowedDomains: form.allowedDomains,
          jitProvisioning: form.jitProvisioning,
          enabled: form.enabled,
        },
      }),
    onSuccess: () => done("Single sign-on settings saved."),
  });
  const remove = useMutation({
    mutationFn: () => client.sso.delete({ params: { tenantId } }),
    onSuccess: () => done("Single sign-on was removed."),
  });
  const [confirming, setConfirming] = useState(false);

  if (sso.isPending) return <PageLoader />;
  if (sso.error) return <ErrorAlert error={sso.error} />;
  if (!config && !writable) {
    return (
      <Paper withBorder p="lg" maw={820}>
        <Text size="sm" c="dimmed">
          Single sign-on is not configured for this tenant. A tenant owner can set it up here.
        </Text>
      </Paper>
    );
  }
  return (
    <Paper withBorder p="lg" maw={820}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={2} size="h4">
              Single sign-on (OpenID Connect)
            </Title>
            <Text size="sm" c={config ? "green" : "dimmed"}>
              {config ? (config.enabled ? "Configured and on" : "Configured, turned off") : "Not configured"}
            </Text>
          </Group>
          {config && (
            <Alert variant="light" color="gray">
              Register this redirect URI at your identity provider: <Code>{config.redirectUri}</Code>
              <br />
              People sign in at <Code>{config.loginUrl}</Code>
            </Alert>
          )}
          <TextInput
            label="Issuer"
            placeholder="https://your-org.okta.com"
            required
            value={form.issuer}
            readOnly={!writable}
            onChange={(e) => edit({ issuer: e.currentTarget.value })}
          />
          <TextInput
            label="Client id"
            required
            value={form.clientId}
            readOnly={!writable}
            onChange={(e) => edit({ clientId: e.currentTarget.value })}
          />
          {writable && (
            <PasswordInput
              label="Client secret"
              description={
                config
                  ? `A secret is stored (${config.clientSecretLastFour}). Leave empty to keep it; it is never shown.`
                  : "Stored encrypted; never shown again."
              }
              required={!config}
              autoComplete="off"
              value={form.clientSecret}
              onChange={(e) => edit({ clientSecret: e.currentTarget.value })}
            />
          )}
          <TagsInput
            label="Extra scopes"
            description="Asked for besides openid email profile, e.g. groups."
            value={form.extraScopes}
            readOnly={!writable}
            onChange={(v) => edit({ extraScopes: v })}
          />
          <TextInput
            label="Groups claim"
            value={form.groupsClaim}
            readOnly={!writable}
            onChange={(e) => edit({ groupsClaim: e.currentTarget.value })}
          />
          <SsoRulesEditor rules={form.rules} onChange={(rules) => edit({ rules })} readOnly={!writable} />
          <Select
            label="Default tenant role"
            description="For people no rule gives a role; empty lets them in nowhere."
            data={TENANT_ROLES}
            clearable
            value={form.defaultTenantRole || null}
            readOnly={!writable}
            onChange={(v) => edit({ defaultTenantRole: v ?? "" })}
          />
          <TagsInput
            label="Allowed email domains"
            description="Empty admits every verified domain."
            value={form.allowedDomains}
            readOnly={!writable}
            onChange={(v) => edit({ allowedDomains: v })}
          />
          <Switch
            label="Create accounts at first sign-in (just-in-time provisioning)"
            checked={form.jitProvisioning}
            disabled={!writable}
            onChange={(e) => edit({ jitProvisioning: e.currentTarget.checked })}
          />
          <Switch
            label="Single sign-on is on"
            checked={form.enabled}
            disabled={!writable}
            onChange={(e) => edit({ enabled: e.currentTarget.checked })}
          />
          <ErrorAlert error={save.error ?? remove.error} />
          {writable && (
            <Group>
              <Button type="submit" loading={save.isPending}>
                Save single sign-on
              </Button>
              {config &&
                (confirming ? (
                  <>
                    <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
                      Yes, remove it
                    </Button>
                    <Button variant="default" onClick={() => setConfirming(false)}>
                      Keep it
                    </Button>
                  </>
                ) : (
                  <Button color="red" variant="subtle" onClick={() => setConfirming(true)}>
                    Remove single sign-on
                  </Button>
                ))}
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
