import type { IrChatResponse } from "../ir/chat-response.js";
import type { IrReasoningPart, IrTextPart, IrToolCallPart } from "../ir/content.js";
import { emptyUsage } from "../ir/usage.js";
import { MAX_JSON_DEPTH } from "../json/max-json-depth.js";
import { stringifyJsonWithinDepth } from "../json/stringify-json-within-depth.js";
import { createFieldReader, type FieldReader, type JsonObject } from "./create-field-reader.js";
import { decodeOpenAIFinishReason } from "./map-openai-finish-reason.js";
import { decodeOpenAIUsage } from "./map-openai-usage.js";

type Part = IrTextPart | IrReasoningPart | IrToolCallPart;

function decodeToolCalls(value: unknown, r: FieldReader): IrToolCallPart[] {
  return r.array(value, "choices[0].message.tool_calls").map((item, i) => {
    const param = `choices[0].message.tool_calls[${i}]`;
    const call = r.object(item, param);
    const fn = r.object(call.function, `${param}.function`);
    // Some compatible servers send arguments as an object rather than JSON text.
    const args =
      typeof fn.arguments === "string"
        ? fn.arguments
        : (stringifyJsonWithinDepth(fn.arguments ?? {}) ??
          r.fail(`nests deeper than ${MAX_JSON_DEPTH} levels`, `${param}.function.arguments`));
    return {
      type: "tool_call",
      id: r.string(call.id, `${param}.id`),
      name: r.string(fn.name, `${param}.function.name`),
      arguments: args,
    };
  });
}

function decodeMessage(message: JsonObject, r: FieldReader): Part[] {
  const param = "choices[0].message";
  const parts: Part[] = [];
  const str = (v: unknown, p: string) => r.optional(v, (x) => r.string(x, `${param}.${p}`));
  // reasoning_content: DeepSeek's vendor extension, followed by many; vLLM and others name it `reasoning`.
  const reasoning =
    str(message.reasoning_content, "reasoning_content") ?? str(message.reasoning, "reasoning");
  if (reasoning) parts.push({ type: "reasoning", text: reasoning });
  const content = str(message.content, "content");
  if (content) parts.push({ type: "text", text: content });
  const refusal = str(message.refusal, "refusal");
  if (refusal) parts.push({ type: "text", text: refusal });
  if (message.tool_calls != null) parts.push(...decodeToolCalls(message.tool_calls, r));
  return parts;
}

/**
 * An upstream's non-streamed Chat Completions answer → IR (the first choice). A refusal becomes text; a
 * malformed body throws GatewayError("upstream_error").
 * @see https://platform.openai.com/docs/api-reference/chat/object
 *
 * @example
 * const ir = decodeOpenAIResponse(JSON.parse(await res.text()));
 */
export function decodeOpenAIResponse(body: unknown): IrChatResponse {
  const r = createFieldReader("upstream_error");
  const b = r.object(body, "body");
  const choices = r.array(b.choices, "choices");
  if (choices.length === 0) r.fail("must not be empty", "choices");
  const choice = r.object(choices[0], "choices[0]");
  const message = r.object(choice.message, "choices[0].message");
  const finish = r.optional(choice.finish_reason, (v) => r.string(v, "choices[0].finish_reason"));
  return {
    id: r.optional(b.id, (v) => r.string(v, "id")) ?? "",
    model: r.optional(b.model, (v) => r.string(v, "model")) ?? "",
    created: r.optional(b.created, (v) => r.number(v, "created", { integer: true, min: 0 })) ?? 0,
    content: decodeMessage(message, r),
    finishReason: decodeOpenAIFinishReason(finish),
    usage: b.usage == null ? emptyUsage() : decodeOpenAIUsage(b.usage, r),
  };
}
