import type { IrMessage } from "../ir/content.js";
import type { AnthropicContentBlock, AnthropicMessageParam } from "./anthropic-wire-types.js";
import { encodeAnthropicPart } from "./encode-anthropic-part.js";

interface Turn {
  role: "user" | "assistant";
  blocks: AnthropicContentBlock[];
}

/**
 * IR messages → Anthropic `messages`. Anthropic has only user and assistant turns: IR `tool` messages
 * become user turns, and consecutive turns of one role merge into one, so consecutive tool messages
 * (and a user message that follows them) form one user turn whose tool_result blocks come FIRST, as
 * Anthropic requires. A turn left with no blocks is dropped with a warning. A turn holding a single
 * plain text block uses the string shorthand.
 * @see https://docs.anthropic.com/en/api/messages#body-messages
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use
 *
 * @example
 * encodeAnthropicMessages([{ role: "user", content: [{ type: "text", text: "Hi" }] }], []);
 * // [{ role: "user", content: "Hi" }]
 */
export function encodeAnthropicMessages(messages: IrMessage[], warnings: string[]): AnthropicMessageParam[] {
  const turns: Turn[] = [];
  messages.forEach((message, i) => {
    const role = message.role === "assistant" ? "assistant" : "user";
    const blocks = message.content.flatMap((part) => encodeAnthropicPart(part, role, warnings) ?? []);
    if (blocks.length === 0) {
      warnings.push(`message ${i} has no content anthropic accepts; dropped`);
      return;
    }
    const last = turns.at(-1);
    if (last?.role === role) last.blocks.push(...blocks);
    else turns.push({ role, blocks });
  });
  return turns.map(toParam);
}

function toParam(turn: Turn): AnthropicMessageParam {
  const blocks =
    turn.role === "user"
      ? [
          ...turn.blocks.filter((b) => b.type === "tool_result"),
          ...turn.blocks.filter((b) => b.type !== "tool_result"),
        ]
      : turn.blocks;
  const [only] = blocks;
  if (blocks.length === 1 && only?.type === "text" && only.cache_control === undefined) {
    return { role: turn.role, content: only.text };
  }
  return { role: turn.role, content: blocks };
}
