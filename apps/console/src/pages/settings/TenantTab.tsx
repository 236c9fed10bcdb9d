import { Button, Group, NumberInput, Paper, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { PageLoader } from "../../ui/PageLoader";
import { RetentionForm } from "./RetentionForm";

/** "20.5" (percent) → 2050 basis points, by string arithmetic; undefined for anything else. */
export function percentToBps(text: string): number | undefined {
  const m = /^\s*(\d{1,5})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

/** The tenant's name, how long usage is kept, and its pricing settings (owners and admins). */
export function TenantTab() {
  return (
    <Stack maw={640}>
      <RenameForm />
      <RetentionForm />
      <PricingForm />
    </Stack>
  );
}

function RenameForm() {
  const { client } = useApi();
  const { tenantId, tenantName, can } = useScope();
  const queryClient = useQueryClient();
  const [name, setName] = useState<string | undefined>();
  const value = name ?? tenantName;
  const rename = useMutation({
    mutationFn: () => client.tenants.update({ params: { tenantId }, body: { name: value } }),
    onSuccess: async () => {
      setName(undefined);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ["tenants.get", tenantId] }),
        queryClient.invalidateQueries({ queryKey: ["auth.me"] }),
        queryClient.invalidateQueries({ queryKey: ["tenants.list"] }),
      ]);
      notifications.show({ message: "The tenant was renamed." });
    },
  });
  return (
    <Paper withBorder p="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          rename.mutate();
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4">
            Tenant
          </Title>
          <TextInput
            label="Tenant name"
            required
            maxLength={100}
            value={value}
            readOnly={!can("tenant:update")}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <Text size="xs" c="dimmed">
            Tenant id: {tenantId}
          </Text>
          <ErrorAlert error={rename.error} />
          {can("tenant:update") && (
            <Group>
              <Button
                type="submit"
                loading={rename.isPending}
                disabled={value.trim() === "" || value === tenantName}
              >
                Rename
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}

function PricingForm() {
  const { client } = useApi();
  const { tenantId, can } = useScope();
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: ["pricing.getSettings", tenantId],
    queryFn: () => client.pricing.getSettings({ params: { tenantId } }),
    enabled: can("models:read"),
  });
  const [markup, setMarkup] = useState<string | undefined>();
  const [policy, setPolicy] = useState<"refuse" | "record" | undefined>();
  const save = useMutation({
    mutationFn: (body: { markupBps?: number; unpricedModels?: "refuse" | "record" }) =>
      client.pricing.updateSettings({ params: { tenantId }, body }),
    onSuccess: async () => {
      setMarkup(undefined);
      setPolicy(undefined);
      await queryClient.invalidateQueries({ queryKey: ["pricing.getSettings", tenantId] });
      notifications.show({ message: "Pricing settings saved." });
    },
  });
  if (!can("models:read")) return null;
  const writable = can("billing:manage");
  const current = settings.data;
  const markupText = markup ?? (current ? String(current.markupBps / 100) : "");
  const bps = percentToBps(markupText);
  return (
    <Paper withBorder p="lg">
      <Stack gap="sm">
        <Title order={2} size="h4">
          Pricing
        </Title>
        {settings.isPending ? (
          <PageLoader />
        ) : settings.error ? (
          <ErrorAlert error={settings.error} />
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (bps !== undefined)
                save.mutate({ markupBps: bps, unpricedModels: policy ?? current!.unpricedModels });
            }}
          >
            <Stack gap="sm">
              <NumberInput
                label="Markup (%)"
                description="Added to every request's cost, e.g. 20 for +20 % (resellers)."
                min={0}
                max={10000}
                decimalScale={2}
                value={markupText}
                readOnly={!writable}
                error={
                  markupText !== "" && bps === undefined
                    ? "A percentage with at most two decimals."
                    : undefined
                }
                onChange={(v) => setMarkup(String(v))}
              />
              <Select
                label="Requests for models without a price"
                data={[
                  { value: "refuse", label: "Refuse them (403 model_not_priced)" },
                  { value: "record", label: "Serve them, recorded at cost 0 and flagged unpriced" },
                ]}
                value={policy ?? current!.unpricedModels}
                readOnly={!writable}
                allowDeselect={false}
                onChange={(v) => v && setPolicy(v as "refuse" | "record")}
              />
              <ErrorAlert error={save.error} />
              {writable && (
                <Group>
                  <Button type="submit" loading={save.isPending} disabled={bps === undefined}>
                    Save pricing
                  </Button>
                </Group>
              )}
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
