import type { FakeContext } from "./fake-context.js";
import { estimatePromptTokens } from "./fake-reply.js";
import { sendJson } from "./send-json.js";

type Json = Record<string, unknown>;

/** The output tokens every fake compaction reports (the compaction item's size upstream). */
export const FAKE_COMPACTION_OUTPUT_TOKENS = 7;

/** An input item's texts (a message's string or parts' `text`, a tool output, a compaction's content). */
function texts(item: Json): string[] {
  const content = item.type === "function_call_output" ? item.output : item.content;
  if (typeof content === "string") return [content];
  if (typeof item.encrypted_content === "string") return [item.encrypted_content];
  if (!Array.isArray(content)) return [];
  return content.flatMap((p) => (typeof (p as Json)?.text === "string" ? [(p as Json).text as string] : []));
}

/** A user message of the input as OpenAI's compaction output repeats it: typed, with an id. */
function userMessage(item: Json, id: string): Json {
  const content =
    typeof item.content === "string" ? [{ type: "input_text", text: item.content }] : item.content;
  return { type: "message", id, status: "completed", role: "user", content };
}

/**
 * POST /v1/responses/compact: the conversation compacted as OpenAI answers it, a `response.compaction`
 * whose output is every user message of the input, then one `compaction` item whose
 * `encrypted_content` stands for the rest (here: the rest's texts, base64, prefixed "fake-compaction:"),
 * with usage (input tokens about 4 characters each, a fixed FAKE_COMPACTION_OUTPUT_TOKENS out).
 * @see https://platform.openai.com/docs/api-reference/responses/compact
 */
export async function fakeResponsesCompact(ctx: FakeContext): Promise<void> {
  const body = ctx.record.json as Json | undefined;
  if (typeof body?.model !== "string")
    return ctx.fail(400, "Missing required parameter: 'model'.", {
      code: "missing_required_parameter",
      param: "model",
    });
  const input = typeof body.input === "string" ? [{ role: "user", content: body.input }] : body.input;
  if (input != null && !Array.isArray(input))
    return ctx.fail(400, "Invalid type for 'input'.", { code: "invalid_type", param: "input" });
  const items = ((input ?? []) as unknown[]).filter((i): i is Json => typeof i === "object" && i !== null);
  const instructions = typeof body.instructions === "string" ? [body.instructions] : [];
  const all = [...instructions, ...items.flatMap(texts)];
  const id = `fake${String(ctx.seq).padStart(6, "0")}`;
  const users = items.filter((i) => i.role === "user");
  const rest = items.filter((i) => i.role !== "user").flatMap(texts);
  const inputTokens = estimatePromptTokens(all);
  await sendJson(ctx, 200, {
    id: `cmp_${id}`,
    object: "response.compaction",
    created_at: Math.floor(ctx.now() / 1000),
    output: [
      ...users.map((u, i) => userMessage(u, `msg_${id}_${i}`)),
      {
        type: "compaction",
        id: `cmp_item_${id}`,
        encrypted_content: `fake-compaction:${Buffer.from(rest.join("\n")).toString("base64")}`,
      },
    ],
    usage: {
      input_tokens: inputTokens,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: FAKE_COMPACTION_OUTPUT_TOKENS,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: inputTokens + FAKE_COMPACTION_OUTPUT_TOKENS,
    },
  });
}
