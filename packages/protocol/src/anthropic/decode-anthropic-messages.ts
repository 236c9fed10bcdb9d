import type { IrMessage, IrPart, IrTextPart } from "../ir/content.js";
import type { UnmodeledField } from "../ir/unmodeled-field.js";
import { decodeAnthropicContentBlock } from "./decode-anthropic-content-block.js";
import { decodeAnthropicSystem } from "./decode-anthropic-system.js";
import { invalidField, requireArray, requireEnum, requireRecord } from "./wire-validation.js";

export interface DecodedAnthropicMessages {
  /** Leading `system`-role messages, to append to the top-level system prompt. */
  system: IrTextPart[];
  messages: IrMessage[];
}

/**
 * `messages` → IR messages. A user turn's tool_result blocks become one IR `tool` message placed before
 * the turn's other content (Anthropic puts tool results first in the user turn), so a user turn with
 * results and text yields a `tool` message then a `user` message. `system`-role messages are accepted
 * only before the first user/assistant turn and become system prompt parts. Blocks the IR cannot carry
 * are listed in `unmodeled` and left out.
 * @see https://docs.anthropic.com/en/api/messages#body-messages
 *
 * @example
 * decodeAnthropicMessages([{ role: "user", content: "Hi" }], "messages", []).messages;
 * // [{ role: "user", content: [{ type: "text", text: "Hi" }] }]
 */
export function decodeAnthropicMessages(
  value: unknown,
  param: string,
  unmodeled: UnmodeledField[],
): DecodedAnthropicMessages {
  const list = requireArray(value, param);
  if (list.length === 0) throw invalidField(param, "at least one message is required");
  const out: DecodedAnthropicMessages = { system: [], messages: [] };
  list.forEach((item, i) => {
    const p = `${param}.${i}`;
    const message = requireRecord(item, p);
    const role = requireEnum(message["role"], `${p}.role`, ["user", "assistant", "system"] as const);
    if (role === "system") {
      if (out.messages.length > 0)
        throw invalidField(`${p}.role`, "system messages must come before all other messages");
      out.system.push(...decodeAnthropicSystem(message["content"], `${p}.content`));
      return;
    }
    const parts = decodeContent(message["content"], `${p}.content`, role, unmodeled);
    if (role === "assistant") out.messages.push({ role, content: parts });
    else out.messages.push(...splitUserTurn(parts));
  });
  return out;
}

function decodeContent(
  value: unknown,
  param: string,
  role: "user" | "assistant",
  unmodeled: UnmodeledField[],
): IrPart[] {
  if (typeof value === "string") return [{ type: "text", text: value }];
  return requireArray(value, param).flatMap((block, i) => {
    const part = decodeAnthropicContentBlock(block, `${param}.${i}`, role, unmodeled);
    return part === undefined ? [] : [part];
  });
}

function splitUserTurn(parts: IrPart[]): IrMessage[] {
  const results = parts.filter((p) => p.type === "tool_result");
  if (results.length === 0) return [{ role: "user", content: parts }];
  const rest = parts.filter((p) => p.type !== "tool_result");
  const out: IrMessage[] = [{ role: "tool", content: results }];
  if (rest.length > 0) out.push({ role: "user", content: rest });
  return out;
}
