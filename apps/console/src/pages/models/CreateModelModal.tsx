import {
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { parseUsd } from "../../ui/parse-usd";
import { PriceInput } from "./PriceInput";
import { useProviders } from "./use-providers";

/**
 * Create a model: its public name, prices per million tokens, context window, aliases, and (optionally)
 * its first deployment, a provider and the upstream model name. Opens the new model's page.
 */
export function CreateModelModal({ opened, onClose }: { opened: boolean; onClose(): void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Create a model" size="lg">
      {opened && <CreateModelForm onCancel={onClose} />}
    </Modal>
  );
}

function CreateModelForm({ onCancel }: { onCancel(): void }) {
  const { client } = useApi();
  const { tenantId } = useScope();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { providers } = useProviders();
  const [name, setName] = useState("");
  const [input, setInput] = useState("");
  const [output, setOutput] = useState("");
  const [contextWindow, setContextWindow] = useState<string | number>("");
  const [aliases, setAliases] = useState<string[]>([]);
  const [capabilities, setCapabilities] = useState<string[]>([]);
  const [providerId, setProviderId] = useState<string | null>(null);
  const [upstreamModel, setUpstreamModel] = useState("");

  const create = useMutation({
    mutationFn: async () => {
      const model = await client.models.create({
        params: { tenantId },
        body: {
          name: name.trim(),
          inputPricePerMTok: parseUsd(input || "0") ?? 0,
          outputPricePerMTok: parseUsd(output || "0") ?? 0,
          ...(typeof contextWindow === "number" ? { contextWindow } : {}),
          ...(aliases.length > 0 ? { aliases } : {}),
          capabilities: Object.fromEntries(capabilities.map((c) => [c, true])),
        },
      });
      if (providerId === null) return model;
      return client.models.addDeployment({
        params: { tenantId, modelId: model.id },
        body: { providerId, upstreamModel: upstreamModel.trim() || name.trim(), weight: 1, priority: 0 },
      });
    },
    onSuccess: async (model) => {
      await queryClient.invalidateQueries({ queryKey: ["models.list", tenantId] });
      navigate(`/t/${tenantId}/models/${model.id}`);
    },
  });
  const badPrice = [input, output].some((v) => v.trim() !== "" && parseUsd(v) === undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!badPrice) create.mutate();
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        <ErrorAlert error={create.error} />
        <TextInput
          label="Name"
          description="What clients send as `model`; may end in * for a family (e.g. team/*)."
          placeholder="gpt-4o-mini"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          required
          data-autofocus
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <PriceInput label="Input price" placeholder="0.15" value={input} onChange={setInput} />
          <PriceInput label="Output price" placeholder="0.60" value={output} onChange={setOutput} />
          <NumberInput
            label="Context window"
            placeholder="128000"
            min={1}
            allowDecimal={false}
            thousandSeparator=","
            value={contextWindow}
            onChange={setContextWindow}
          />
        </SimpleGrid>
        <TagsInput
          label="Aliases"
          description="Other names that reach this model (Enter after each)."
          value={aliases}
          onChange={setAliases}
        />
        <Checkbox.Group label="Capabilities" value={capabilities} onChange={setCapabilities}>
          <Group mt={4}>
            <Checkbox value="tools" label="Tools" />
            <Checkbox value="vision" label="Vision" />
            <Checkbox value="json" label="JSON mode" />
            <Checkbox value="reasoning" label="Reasoning" />
          </Group>
        </Checkbox.Group>
        <Text fw={500} size="sm" mt="xs">
          Route it to
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Provider"
            placeholder={providers.length === 0 ? "No provider yet" : "Choose later"}
            data={providers.map((p) => ({ value: p.id, label: p.name }))}
            value={providerId}
            onChange={setProviderId}
            clearable
            searchable
          />
          <TextInput
            label="Upstream model"
            description="The name the provider knows it by; empty for the same name."
            placeholder={name || "gpt-4o-mini"}
            value={upstreamModel}
            onChange={(e) => setUpstreamModel(e.currentTarget.value)}
            disabled={providerId === null}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending} disabled={badPrice}>
            Create model
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
