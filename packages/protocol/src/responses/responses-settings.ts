import type { FieldReader, JsonObject } from "../openai/create-field-reader.js";
import { responsesIdBase } from "./responses-status-of.js";

/** What a Responses answer carries over from its request. */
export interface ResponsesSettings {
  /** The request's settings as the `response` object echoes them, defaults filled in as OpenAI does. */
  echo: Record<string, unknown>;
  /** The client asked for `reasoning.encrypted_content` (Codex does): reasoning items carry signatures. */
  encryptedReasoning: boolean;
  /**
   * The response's id when the gateway chose it (a stored response's `resp_…`); unset: derived from the
   * upstream's answer id.
   */
  id?: string;
}

/** The id an answer carries, and the base its items' ids (`msg_…`, `fc_…`, `rs_…`) are built from. */
export function responsesIdsOf(
  settings: ResponsesSettings,
  upstreamId: string,
): { id: string; base: string } {
  if (settings.id !== undefined)
    return { id: settings.id, base: responsesIdBase(settings.id.replace(/^resp_/, "")) };
  const base = responsesIdBase(upstreamId);
  return { id: `resp_${base}`, base };
}

const TRUNCATIONS = ["auto", "disabled"] as const;

function metadataOf(value: unknown, r: FieldReader): Record<string, string> {
  const m = r.object(value, "metadata");
  const keys = Object.keys(m);
  // OpenAI's limits: 16 pairs, keys up to 64 characters, values up to 512.
  if (keys.length > 16) r.fail("must have at most 16 keys", "metadata");
  for (const k of keys) {
    if (k.length > 64) r.fail("keys must be at most 64 characters", "metadata");
    if (r.string(m[k], `metadata.${k}`).length > 512)
      r.fail("must be at most 512 characters", `metadata.${k}`);
  }
  return m as Record<string, string>;
}

/**
 * The settings a `response` object echoes (instructions, tools, tool_choice, text, reasoning, metadata,
 * store, truncation, ...), checked for type, with OpenAI's defaults for the unset ones. `store` and
 * `truncation` are accepted and echoed: the gateway stores nothing, and never truncates input.
 * @see https://platform.openai.com/docs/api-reference/responses/object
 *
 * @example
 * responsesSettingsOf({ model: "m", input: "hi" }, r).echo.tool_choice; // "auto"
 */
export function responsesSettingsOf(b: JsonObject, r: FieldReader): ResponsesSettings {
  const include = (r.optional(b.include, (v) => r.array(v, "include")) ?? []).map((v, i) =>
    r.string(v, `include[${i}]`),
  );
  const reasoning = (b.reasoning ?? {}) as JsonObject;
  const echo: Record<string, unknown> = {
    instructions: b.instructions ?? null,
    max_output_tokens: b.max_output_tokens ?? null,
    metadata: b.metadata == null ? {} : metadataOf(b.metadata, r),
    parallel_tool_calls: b.parallel_tool_calls ?? true,
    previous_response_id: null,
    reasoning: { effort: reasoning.effort ?? null, summary: reasoning.summary ?? null },
    store: r.optional(b.store, (v) => r.boolean(v, "store")) ?? true,
    temperature: b.temperature ?? 1,
    text: b.text ?? { format: { type: "text" } },
    tool_choice: b.tool_choice ?? "auto",
    tools: b.tools ?? [],
    top_p: b.top_p ?? 1,
    truncation: r.optional(b.truncation, (v) => r.oneOf(v, "truncation", TRUNCATIONS)) ?? "disabled",
    user: b.user ?? null,
  };
  return { echo, encryptedReasoning: include.includes("reasoning.encrypted_content") };
}
