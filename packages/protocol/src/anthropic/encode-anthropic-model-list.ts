import type { AnthropicModelList } from "./anthropic-wire-types.js";

export interface AnthropicModelEntry {
  id: string;
  displayName: string;
  /** When the model was released: a Date, an RFC 3339 string, or unix seconds. */
  createdAt: Date | string | number;
}

/**
 * Models → the GET /v1/models answer in Anthropic's shape, one page holding every model.
 * @see https://docs.anthropic.com/en/api/models-list
 *
 * @example
 * encodeAnthropicModelList([{ id: "claude-x", displayName: "Claude X", createdAt: 0 }]);
 * // { data: [{ type: "model", id: "claude-x", display_name: "Claude X",
 * //   created_at: "1970-01-01T00:00:00Z" }], has_more: false, first_id: "claude-x", last_id: "claude-x" }
 */
export function encodeAnthropicModelList(models: AnthropicModelEntry[]): AnthropicModelList {
  return {
    data: models.map((m) => ({
      type: "model",
      id: m.id,
      display_name: m.displayName,
      created_at: rfc3339(m.createdAt),
    })),
    has_more: false,
    first_id: models[0]?.id ?? null,
    last_id: models.at(-1)?.id ?? null,
  };
}

/** Anthropic writes `2025-02-19T00:00:00Z`: whole seconds, Z suffix. */
function rfc3339(at: Date | string | number): string {
  if (typeof at === "string") return at;
  const date = typeof at === "number" ? new Date(at * 1000) : at;
  return Number.isNaN(date.getTime()) ? "1970-01-01T00:00:00Z" : date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
