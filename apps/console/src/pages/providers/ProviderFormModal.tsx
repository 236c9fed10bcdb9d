import type { OperationOutput } from "@gatehouse/sdk";
import {
  Button,
  Checkbox,
  Group,
  Modal,
  PasswordInput,
  Select,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { KIND_OPTIONS, KIND_SPECS, type ProviderKind, type SecretField, secretsBody } from "./provider-kinds";

export type Provider = OperationOutput<"providers.get">;

/**
 * Add a provider (per kind, the fields it needs) or edit one: rename, move, settings, replace the
 * credentials. Secrets are write-only: never prefilled, only the masked last four the API answers is
 * shown, and an empty secret field keeps what is stored.
 */
export function ProviderFormModal({
  opened,
  onClose,
  provider,
  onSaved,
}: {
  opened: boolean;
  onClose(): void;
  /** The provider to edit; absent to add one. */
  provider?: Provider;
  onSaved(provider: Provider): void;
}) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={provider ? `Edit provider ${provider.name}` : "Add a provider"}
      size="lg"
    >
      {/* Remounted per open so the form starts from the provider as it is now. */}
      {opened && <ProviderForm provider={provider} onSaved={onSaved} onCancel={onClose} />}
    </Modal>
  );
}

function ProviderForm({
  provider,
  onSaved,
  onCancel,
}: {
  provider?: Provider;
  onSaved(provider: Provider): void;
  onCancel(): void;
}) {
  const { client } = useApi();
  const { tenantId } = useScope();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<ProviderKind>((provider?.kind as ProviderKind) ?? "openai");
  const [name, setName] = useState(provider?.name ?? "");
  const [baseUrl, setBaseUrl] = useState(provider?.baseUrl ?? "");
  const [settings, setSettings] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(provider?.config ?? {}).map(([k, v]) => [k, String(v)])),
  );
  const [secrets, setSecrets] = useState<Partial<Record<SecretField, string>>>({});
  const [removeCredentials, setRemoveCredentials] = useState(false);
  const [models, setModels] = useState<string[]>([]);
  const [wildcard, setWildcard] = useState(false);
  const spec = KIND_SPECS[kind];

  const save = useMutation({
    mutationFn: async () => {
      // The form's settings over what is stored: keys it does not show (set by the operator) are kept,
      // a shown one emptied is removed.
      const config: Record<string, string | number | boolean> = {
        ...((provider?.config ?? {}) as Record<string, string | number | boolean>),
      };
      for (const { key } of spec.settings) {
        const value = settings[key]?.trim() ?? "";
        if (value === "") delete config[key];
        else config[key] = value;
      }
      const hasConfig = Object.keys(config).length > 0;
      const configChanged = JSON.stringify(config) !== JSON.stringify(provider?.config ?? {});
      if (provider) {
        const secretPart = secretsBody(secrets);
        return client.providers.update({
          params: { tenantId, providerId: provider.id },
          body: {
            ...(name !== provider.name ? { name } : {}),
            ...(baseUrl.trim() !== "" && baseUrl !== provider.baseUrl ? { baseUrl: baseUrl.trim() } : {}),
            ...(configChanged ? { config } : {}),
            ...(removeCredentials ? { apiKey: null } : secretPart),
          },
        });
      }
      return client.providers.create({
        params: { tenantId },
        body: {
          name: name.trim(),
          kind,
          ...(baseUrl.trim() === "" ? {} : { baseUrl: baseUrl.trim() }),
          ...secretsBody(secrets),
          ...(hasConfig ? { config } : {}),
          ...(models.length > 0 ? { models } : {}),
          ...(wildcard ? { wildcard } : {}),
        },
      });
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ["providers.list", tenantId] });
      // Models and deployments change with a provider (its models, its wildcard).
      await queryClient.invalidateQueries({ queryKey: ["models.list", tenantId] });
      onSaved(saved);
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const lastFour = provider?.credentialLastFour;
  return (
    <form onSubmit={submit}>
      <Stack>
        <ErrorAlert error={save.error} />
        <Select
          label="Kind"
          data={KIND_OPTIONS}
          value={kind}
          onChange={(v) => v && setKind(v as ProviderKind)}
          allowDeselect={false}
          disabled={provider !== undefined}
          description={
            provider ? "A provider's kind cannot change; add another provider instead." : undefined
          }
          required
        />
        <TextInput
          label="Name"
          description="Clients address its models as name/model when the wildcard is on."
          placeholder="openai-eu"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          required
          data-autofocus
        />
        <TextInput
          label="Base URL"
          placeholder={spec.baseUrlPlaceholder}
          value={baseUrl}
          onChange={(e) => setBaseUrl(e.currentTarget.value)}
          required={spec.baseUrl === "required" && !provider}
          description={
            spec.baseUrl === "optional" ? "Empty: follows from the region or location." : undefined
          }
        />
        {spec.settings.map((s) => (
          <TextInput
            key={s.key}
            label={s.label}
            placeholder={s.placeholder}
            description={s.description}
            required={s.required}
            value={settings[s.key] ?? ""}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setSettings((prev) => ({ ...prev, [s.key]: value }));
            }}
          />
        ))}
        {provider && spec.secrets.length > 0 && (
          <Text size="sm" c="dimmed">
            Stored credential: {lastFour ? <code>{lastFour}</code> : "none"}. Leave the fields below empty to
            keep it; anything typed replaces it.
          </Text>
        )}
        {spec.secrets.map((s) => {
          const common = {
            label: s.label,
            required: s.required && !provider,
            autoComplete: "off",
            disabled: removeCredentials,
            value: secrets[s.field] ?? "",
            placeholder: provider ? "Unchanged" : undefined,
          };
          const set = (value: string) => setSecrets((prev) => ({ ...prev, [s.field]: value }));
          return s.multiline ? (
            <Textarea
              key={s.field}
              {...common}
              autosize
              minRows={3}
              maxRows={8}
              onChange={(e) => set(e.currentTarget.value)}
            />
          ) : (
            <PasswordInput key={s.field} {...common} onChange={(e) => set(e.currentTarget.value)} />
          );
        })}
        {provider && lastFour !== null && (
          <Checkbox
            label="Remove the stored credentials"
            checked={removeCredentials}
            onChange={(e) => setRemoveCredentials(e.currentTarget.checked)}
          />
        )}
        {!provider && (
          <>
            <TagsInput
              label="Models to create"
              description="Each becomes a model routed to this provider under the same upstream name (Enter after each)."
              placeholder="gpt-4o-mini"
              value={models}
              onChange={setModels}
            />
            <Switch
              label="Also route any name/model to this provider (wildcard)"
              checked={wildcard}
              onChange={(e) => setWildcard(e.currentTarget.checked)}
            />
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {provider ? "Save changes" : "Add provider"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
