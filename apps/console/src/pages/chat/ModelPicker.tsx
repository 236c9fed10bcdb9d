import { Badge, Group, Select, Stack, Text } from "@mantine/core";
import { formatCount, formatUsd } from "../../ui/format";
import type { ChatModel } from "./use-chat-models";

/** What a model costs, per million tokens in and out, or undefined when unknown. */
function priceLine(m: ChatModel): string | undefined {
  if (m.inputPricePerMTok === null || m.outputPricePerMTok === null) return undefined;
  return `${formatUsd(m.inputPricePerMTok)} in · ${formatUsd(m.outputPricePerMTok)} out per 1M tokens`;
}

/**
 * The conversation's model, chosen among those the member may use; each option shows its capabilities,
 * context window and price per million tokens when the catalog provides them.
 */
export function ModelPicker({
  models,
  value,
  loading,
  disabled,
  onChange,
}: {
  models: ChatModel[];
  value: string;
  loading: boolean;
  disabled: boolean;
  onChange(model: string): void;
}) {
  const byName = new Map(models.map((m) => [m.name, m]));
  // A conversation's model that is no longer allowed stays shown, so the picker never lies about it.
  const data = [...models.map((m) => m.name), ...(value !== "" && !byName.has(value) ? [value] : [])];
  const current = byName.get(value);
  return (
    <Stack gap={2} style={{ minWidth: 260 }}>
      <Select
        aria-label="Model"
        placeholder={loading ? "Loading models…" : "Choose a model"}
        data={data}
        value={value === "" ? null : value}
        searchable
        allowDeselect={false}
        disabled={disabled}
        nothingFoundMessage="No such model"
        data-testid="chat-model"
        onChange={(v) => v && onChange(v)}
        renderOption={({ option }) => {
          const m = byName.get(option.value);
          return (
            <Stack gap={0}>
              <Text size="sm">{option.value}</Text>
              {m && (
                <Group gap={4}>
                  {m.capabilities.map((c) => (
                    <Badge key={c} size="xs" variant="light">
                      {c}
                    </Badge>
                  ))}
                  {priceLine(m) && (
                    <Text size="xs" c="dimmed">
                      {priceLine(m)}
                    </Text>
                  )}
                </Group>
              )}
              {!m && (
                <Text size="xs" c="orange">
                  Not available to you any more
                </Text>
              )}
            </Stack>
          );
        }}
      />
      {current && (priceLine(current) || current.contextWindow) && (
        <Text size="xs" c="dimmed" data-testid="model-price">
          {[
            priceLine(current),
            current.contextWindow ? `${formatCount(current.contextWindow)} context` : null,
          ]
            .filter(Boolean)
            .join(" · ")}
        </Text>
      )}
    </Stack>
  );
}
