import type { IrToolCallPart } from "../ir/content.js";
import type { IrUsage } from "../ir/usage.js";
import { MAX_JSON_DEPTH } from "../json/max-json-depth.js";
import { stringifyJsonWithinDepth } from "../json/stringify-json-within-depth.js";
import type { FieldReader } from "../openai/create-field-reader.js";

/** One Ollama chat answer or stream frame, validated and in IR terms. */
export interface OllamaChunk {
  id: string;
  model: string;
  /** Unix seconds. */
  created: number;
  thinking: string;
  content: string;
  toolCalls: IrToolCallPart[];
  done: boolean;
  doneReason?: string;
  usage?: IrUsage;
}

/**
 * Ollama has no answer or call ids: they are made from `created_at` (nanosecond precision), so they are
 * unique across turns. Newer versions that send a call id keep theirs.
 */
function idsFrom(createdAt: string): { stamp: string; created: number } {
  const ms = Date.parse(createdAt);
  return {
    stamp: createdAt.replace(/\D/g, "") || "0",
    created: Number.isNaN(ms) ? 0 : Math.floor(ms / 1000),
  };
}

function readToolCall(value: unknown, at: string, id: string, r: FieldReader): IrToolCallPart {
  const call = r.object(value, at);
  const fn = r.object(call.function, `${at}.function`);
  const raw = fn.arguments ?? {};
  // Ollama gives arguments as an object (some servers as JSON text); the IR keeps JSON text.
  const args =
    typeof raw === "string"
      ? raw
      : (stringifyJsonWithinDepth(r.object(raw, `${at}.function.arguments`)) ??
        r.fail(`nests deeper than ${MAX_JSON_DEPTH} levels`, `${at}.function.arguments`));
  return {
    type: "tool_call",
    id: r.optional(call.id, (v) => r.string(v, `${at}.id`)) || id,
    name: r.string(fn.name, `${at}.function.name`),
    arguments: args,
  };
}

function readUsage(c: Record<string, unknown>, r: FieldReader): IrUsage | undefined {
  const count = (key: string) => r.optional(c[key], (v) => r.number(v, key, { integer: true, min: 0 }));
  const input = count("prompt_eval_count");
  const output = count("eval_count");
  if (input === undefined && output === undefined) return undefined;
  // eval_count counts every generated token, thinking included: the IR's meaning of outputTokens.
  return { inputTokens: input ?? 0, outputTokens: output ?? 0 };
}

/**
 * Validates one /api/chat answer or NDJSON frame. `firstCall` numbers the tool calls it holds, so ids made
 * for calls of a stream stay distinct.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion
 */
export function readOllamaChunk(value: unknown, r: FieldReader, firstCall = 0): OllamaChunk {
  const c = r.object(value, "body");
  const createdAt = r.optional(c.created_at, (v) => r.string(v, "created_at")) ?? "";
  const { stamp, created } = idsFrom(createdAt);
  const m = r.optional(c.message, (v) => r.object(v, "message")) ?? {};
  const str = (v: unknown, at: string) => r.optional(v, (x) => r.string(x, at)) ?? "";
  const calls = r.optional(m.tool_calls, (v) => r.array(v, "message.tool_calls")) ?? [];
  const chunk: OllamaChunk = {
    id: `ollama-${stamp}`,
    model: str(c.model, "model"),
    created,
    thinking: str(m.thinking, "message.thinking"),
    content: str(m.content, "message.content"),
    toolCalls: calls.map((call, i) =>
      readToolCall(call, `message.tool_calls[${i}]`, `call_${stamp}_${firstCall + i}`, r),
    ),
    done: r.optional(c.done, (v) => r.boolean(v, "done")) ?? false,
  };
  const reason = r.optional(c.done_reason, (v) => r.string(v, "done_reason"));
  if (reason !== undefined) chunk.doneReason = reason;
  const usage = readUsage(c, r);
  if (usage !== undefined) chunk.usage = usage;
  return chunk;
}
