import type { OperationOutput } from "@gatehouse/sdk";
import {
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { nanoToUsdInput, parseUsd } from "../../ui/parse-usd";
import { PriceInput } from "./PriceInput";

type Model = OperationOutput<"models.get">;

const STRATEGIES = [
  { value: "weighted_random", label: "Weighted random (by weight)" },
  { value: "least_in_flight", label: "Least in flight" },
  { value: "lowest_latency", label: "Lowest latency" },
  { value: "lowest_cost", label: "Lowest cost" },
];
const CAPABILITIES = [
  { key: "tools", label: "Tools" },
  { key: "vision", label: "Vision" },
  { key: "json", label: "JSON mode" },
  { key: "reasoning", label: "Reasoning" },
] as const;

/**
 * A model's prices and routing settings: name, prices per million tokens (dollars typed, integer
 * nano-USD sent), context window, aliases, capabilities, balancing strategy within a priority group,
 * fallback models, the context-overflow fallback. Read-only for who may not manage models.
 */
export function ModelSettingsForm({ model, onSaved }: { model: Model; onSaved(m: Model): void }) {
  const { client } = useApi();
  const { tenantId, can } = useScope();
  const manage = can("models:manage");
  const queryClient = useQueryClient();
  const [name, setName] = useState(model.name);
  const [input, setInput] = useState(nanoToUsdInput(model.inputPricePerMTok));
  const [output, setOutput] = useState(nanoToUsdInput(model.outputPricePerMTok));
  const [contextWindow, setContextWindow] = useState<string | number>(model.contextWindow ?? "");
  const [maxOutput, setMaxOutput] = useState<string | number>(model.maxOutputTokens ?? "");
  const [aliases, setAliases] = useState(model.aliases);
  const [capabilities, setCapabilities] = useState(model.capabilities);
  const [strategy, setStrategy] = useState<string>(model.balanceStrategy);
  const [fallbacks, setFallbacks] = useState(model.fallbackModels);
  const [contextFallback, setContextFallback] = useState(model.contextFallbackModel ?? "");
  const [contentFilterFallback, setContentFilterFallback] = useState(model.contentFilterFallback);
  const [unsupported, setUnsupported] = useState<string>(model.unsupportedParams);

  const save = useMutation({
    mutationFn: () =>
      client.models.update({
        params: { tenantId, modelId: model.id },
        body: {
          ...(name.trim() !== model.name ? { name: name.trim() } : {}),
          inputPricePerMTok: parseUsd(input || "0")!,
          outputPricePerMTok: parseUsd(output || "0")!,
          contextWindow: typeof contextWindow === "number" ? contextWindow : null,
          maxOutputTokens: typeof maxOutput === "number" ? maxOutput : null,
          aliases,
          capabilities,
          balanceStrategy: strategy as Model["balanceStrategy"],
          fallbackModels: fallbacks,
          contextFallbackModel: contextFallback.trim() === "" ? null : contextFallback.trim(),
          contentFilterFallback,
          unsupportedParams: unsupported as Model["unsupportedParams"],
        },
      }),
    onSuccess: async (m) => {
      onSaved(m);
      await queryClient.invalidateQueries({ queryKey: ["models.list", tenantId] });
      await queryClient.invalidateQueries({ queryKey: ["pricing.getEntry", tenantId] });
    },
  });
  const badPrice = [input, output].some((v) => v.trim() !== "" && parseUsd(v) === undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!badPrice) save.mutate();
  };
  const ro = !manage;
  return (
    <Card withBorder component="form" onSubmit={submit}>
      <Title order={2} size="h4" mb="sm">
        Settings
      </Title>
      <Stack>
        <ErrorAlert error={save.error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
            readOnly={ro}
          />
          <TagsInput label="Aliases" value={aliases} onChange={setAliases} readOnly={ro} />
          <PriceInput label="Input price" value={input} onChange={setInput} readOnly={ro} />
          <PriceInput label="Output price" value={output} onChange={setOutput} readOnly={ro} />
          <NumberInput
            label="Context window (tokens)"
            min={1}
            allowDecimal={false}
            thousandSeparator=","
            value={contextWindow}
            onChange={setContextWindow}
            readOnly={ro}
          />
          <NumberInput
            label="Max output tokens"
            min={1}
            allowDecimal={false}
            thousandSeparator=","
            value={maxOutput}
            onChange={setMaxOutput}
            readOnly={ro}
          />
        </SimpleGrid>
        <div>
          <Text size="sm" fw={500} mb={4}>
            Capabilities
          </Text>
          <Group>
            {CAPABILITIES.map((c) => (
              <Checkbox
                key={c.key}
                label={c.label}
                checked={capabilities[c.key] ?? false}
                disabled={ro}
                onChange={(e) => {
                  const checked = e.currentTarget.checked;
                  setCapabilities((prev) => ({ ...prev, [c.key]: checked }));
                }}
              />
            ))}
          </Group>
        </div>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Balancing within a priority group"
            data={STRATEGIES}
            value={strategy}
            onChange={(v) => v && setStrategy(v)}
            allowDeselect={false}
            readOnly={ro}
          />
          <Select
            label="Parameters the upstream does not support"
            data={[
              { value: "drop", label: "Drop them" },
              { value: "refuse", label: "Refuse the request" },
            ]}
            value={unsupported}
            onChange={(v) => v && setUnsupported(v)}
            allowDeselect={false}
            readOnly={ro}
          />
          <TagsInput
            label="Fallback models"
            description="Tried in order when every deployment of this model failed."
            value={fallbacks}
            onChange={setFallbacks}
            readOnly={ro}
          />
          <TextInput
            label="Context-overflow fallback"
            description="A model with a larger window, for prompts too long for this one."
            value={contextFallback}
            onChange={(e) => setContextFallback(e.currentTarget.value)}
            readOnly={ro}
          />
        </SimpleGrid>
        <Switch
          label="Fall back when the upstream's content filter refuses"
          checked={contentFilterFallback}
          disabled={ro}
          onChange={(e) => setContentFilterFallback(e.currentTarget.checked)}
        />
        {manage && (
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} disabled={badPrice}>
              Save settings
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
