import { Badge, Group, Select, Stack, Text } from "@mantine/core";
import { useEffect, useState } from "react";
import { formatCount, formatUsd } from "../../ui/format";
import { type ModelOffer, modelOffers, type WildcardRoutes, wildcardPrefix } from "./model-offers";
import type { ChatModel } from "./use-chat-models";

/** What a model costs, per million tokens in and out, or undefined when unknown. */
function priceLine(m: ChatModel): string | undefined {
  if (m.inputPricePerMTok === null || m.outputPricePerMTok === null) return undefined;
  return `${formatUsd(m.inputPricePerMTok)} in · ${formatUsd(m.outputPricePerMTok)} out per 1M tokens`;
}

/** The line under an option that is not a listed model: what choosing it does. */
const NOTE: Record<Exclude<ModelOffer["kind"], "model">, { text: string; color: string }> = {
  wildcard: { text: "Any name after the prefix: choose, then type it", color: "dimmed" },
  use: { text: "Routed by a wildcard model", color: "dimmed" },
  named: { text: "Routed by a wildcard model", color: "dimmed" },
  gone: { text: "Not available to you any more", color: "orange" },
};

/**
 * The conversation's model, chosen among those the member may use; each listed model shows its
 * capabilities, context window and price per million tokens when the catalog provides them. The picker is
 * searchable and takes a name no list shows when a wildcard model routes it (`openai/*`): choosing the
 * wildcard puts its prefix in the box, and a routed name typed is offered as "Use <name>" (docs/chat.md).
 */
export function ModelPicker({
  models,
  routes,
  value,
  loading,
  disabled,
  onChange,
}: {
  models: ChatModel[];
  routes: WildcardRoutes;
  value: string;
  loading: boolean;
  disabled: boolean;
  onChange(model: string): void;
}) {
  const [search, setSearch] = useState(value);
  // Another conversation opened (or the model changed elsewhere): the box shows its model again.
  useEffect(() => setSearch(value), [value]);
  const byName = new Map(models.map((m) => [m.name, m]));
  const offers = modelOffers({ models: models.map((m) => m.name), routes, value, search });
  const kindOf = new Map(offers.map((o) => [o.value, o.kind]));
  const current = byName.get(value);
  return (
    <Stack gap={2} style={{ minWidth: 260 }}>
      <Select
        aria-label="Model"
        placeholder={
          loading
            ? "Loading models…"
            : routes.wildcards.length > 0
              ? "Choose or type a model"
              : "Choose a model"
        }
        data={offers.map(({ value: v, label }) => ({ value: v, label }))}
        value={value === "" ? null : value}
        searchable
        searchValue={search}
        onSearchChange={setSearch}
        selectFirstOptionOnChange
        allowDeselect={false}
        disabled={disabled}
        nothingFoundMessage="No such model"
        data-testid="chat-model"
        onChange={(v) => {
          if (!v) return;
          // A wildcard is not a model: its prefix goes in the box for the member to type the rest.
          if (kindOf.get(v) === "wildcard") setSearch(wildcardPrefix(v));
          else onChange(v);
        }}
        renderOption={({ option }) => {
          const m = byName.get(option.value);
          const kind = kindOf.get(option.value) ?? "model";
          return (
            <Stack gap={0} data-kind={kind}>
              <Text size="sm">{option.label}</Text>
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
              {!m && kind !== "model" && (
                <Text size="xs" c={NOTE[kind].color}>
                  {NOTE[kind].text}
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
