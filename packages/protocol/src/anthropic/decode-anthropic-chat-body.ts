import { GatewayError } from "../errors/gateway-error.js";
import type { IrChatRequest } from "../ir/chat-request.js";
import type { DecodedChatRequest } from "../ir/decoded-chat-request.js";
import type { UnmodeledField } from "../ir/unmodeled-field.js";
import { decodeAnthropicMessages } from "./decode-anthropic-messages.js";
import { decodeAnthropicOutputFormat } from "./decode-anthropic-output-format.js";
import { decodeAnthropicReasoning } from "./decode-anthropic-reasoning.js";
import { decodeAnthropicSystem } from "./decode-anthropic-system.js";
import { decodeAnthropicToolChoice } from "./decode-anthropic-tool-choice.js";
import { decodeAnthropicTools } from "./decode-anthropic-tools.js";
import {
  invalidField,
  isRecord,
  optionalBoolean,
  optionalNumber,
  optionalString,
  requireArray,
  requireNumber,
  requireRecord,
  requireString,
} from "./wire-validation.js";

export interface AnthropicChatBodyRules {
  /** Messages requires max_tokens; count_tokens takes the same body without it. */
  maxTokensRequired: boolean;
}

/**
 * Top-level features that make Anthropic run something on the request's behalf (remote MCP servers, a
 * code-execution container, server-side context editing): valid, but nothing another provider can do.
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/mcp-connector
 * @see https://docs.anthropic.com/en/docs/build-with-claude/context-editing
 */
export const ANTHROPIC_PLATFORM_FIELDS = ["mcp_servers", "container", "context_management"] as const;

function notePlatformFields(body: Record<string, unknown>, unmodeled: UnmodeledField[]): void {
  for (const param of ANTHROPIC_PLATFORM_FIELDS) {
    if (body[param] === undefined || body[param] === null) continue;
    unmodeled.push({
      param,
      reason: "asks Anthropic's platform for a feature that is not supported by this gateway",
    });
  }
}

/**
 * The shared core of the Anthropic Messages and count_tokens decoders: a Messages API body → IR
 * request, validating types, ranges and enums. Valid features the IR cannot carry (server tools,
 * documents, Files API images, mcp_servers, container, context_management) are listed in `unmodeled`
 * and left out; `service_tier` and citations have no IR meaning and are ignored.
 * @see https://docs.anthropic.com/en/api/messages
 */
export function decodeAnthropicChatBody(body: unknown, rules: AnthropicChatBodyRules): DecodedChatRequest {
  if (!isRecord(body)) throw new GatewayError("invalid_request", "The request body must be a JSON object");
  const unmodeled: UnmodeledField[] = [];
  const model = requireString(body["model"], "model");
  if (model === "") throw invalidField("model", "must not be empty");
  notePlatformFields(body, unmodeled);
  const decoded = decodeAnthropicMessages(body["messages"], "messages", unmodeled);
  const system = [...decodeAnthropicSystem(body["system"], "system"), ...decoded.system];
  const ir: IrChatRequest = { model, messages: decoded.messages, stream: false };
  if (system.length > 0) ir.system = system;
  const maxTokens = rules.maxTokensRequired
    ? requireNumber(body["max_tokens"], "max_tokens", { integer: true, min: 0 })
    : optionalNumber(body["max_tokens"], "max_tokens", { integer: true, min: 0 });
  if (maxTokens !== undefined) ir.maxTokens = maxTokens;
  decodeSampling(body, ir);
  decodeToolsInto(body, ir, unmodeled);
  const outputConfig =
    body["output_config"] == null ? undefined : requireRecord(body["output_config"], "output_config");
  const reasoning = decodeAnthropicReasoning(body["thinking"], outputConfig, "thinking");
  if (reasoning !== undefined) ir.reasoning = reasoning;
  const format = decodeAnthropicOutputFormat(outputConfig, body["output_format"]);
  if (format !== undefined) ir.responseFormat = format;
  const user = decodeUserId(body["metadata"]);
  if (user !== undefined) ir.user = user;
  ir.stream = optionalBoolean(body["stream"], "stream") ?? false;
  return { request: ir, warnings: [], unmodeled };
}

function decodeSampling(body: Record<string, unknown>, ir: IrChatRequest): void {
  const temperature = optionalNumber(body["temperature"], "temperature", { min: 0, max: 1 });
  if (temperature !== undefined) ir.temperature = temperature;
  const topP = optionalNumber(body["top_p"], "top_p", { min: 0, max: 1 });
  if (topP !== undefined) ir.topP = topP;
  const topK = optionalNumber(body["top_k"], "top_k", { integer: true, min: 0 });
  if (topK !== undefined) ir.topK = topK;
  if (body["stop_sequences"] != null) {
    ir.stop = requireArray(body["stop_sequences"], "stop_sequences").map((s, i) =>
      requireString(s, `stop_sequences.${i}`),
    );
  }
}

function decodeToolsInto(
  body: Record<string, unknown>,
  ir: IrChatRequest,
  unmodeled: UnmodeledField[],
): void {
  const tools = decodeAnthropicTools(body["tools"], "tools", unmodeled);
  // An empty list (none sent, or only tools the IR cannot carry) is left out: some upstreams refuse `tools: []`.
  if (tools !== undefined && tools.length > 0) ir.tools = tools;
  const choice = decodeAnthropicToolChoice(body["tool_choice"], "tool_choice");
  if (choice.toolChoice !== undefined) ir.toolChoice = choice.toolChoice;
  if (choice.parallelToolCalls !== undefined) ir.parallelToolCalls = choice.parallelToolCalls;
}

function decodeUserId(metadata: unknown): string | undefined {
  if (metadata === undefined || metadata === null) return undefined;
  return optionalString(requireRecord(metadata, "metadata")["user_id"], "metadata.user_id");
}
