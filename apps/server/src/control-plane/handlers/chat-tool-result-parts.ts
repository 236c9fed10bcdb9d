import type { ChatToolResultPart } from "@gatehouse/contracts";
import { GatewayError } from "@gatehouse/protocol";
import type { ChatMessage } from "../../store/chat/chat-types.js";

/** The most results walked up from a tool message to the answer whose calls they answer. */
const MAX_CHAIN = 130;

/**
 * The parts of a `tool` message, checked against the branch above it: exactly one `tool_result` naming
 * a tool call of the answer it follows — its parent, or the answer above the results already given
 * (an answer's several calls are answered one message each, in a chain) — and not answered yet in that
 * chain. Any other role must carry no tool result. `parentOf` reads a message of the conversation.
 *
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages (tool message)
 * @example
 * const parts = await toolResultParts("tool", body.parts, parent, (id) => answers.get(owner, convId, id));
 */
export async function toolResultParts(
  role: "user" | "assistant" | "tool",
  results: readonly ChatToolResultPart[],
  parent: ChatMessage | undefined,
  parentOf: (id: string) => Promise<ChatMessage | undefined>,
): Promise<ChatToolResultPart[]> {
  if (role !== "tool") {
    if (results.length > 0)
      throw new GatewayError("invalid_request", "parts: only a tool message carries a tool_result.");
    return [];
  }
  const [result] = results;
  if (results.length !== 1 || result === undefined) {
    throw new GatewayError("invalid_request", "parts: a tool message carries exactly one tool_result.");
  }
  const answered = new Set<string>();
  let above = parent;
  for (let i = 0; above?.role === "tool" && i < MAX_CHAIN; i++) {
    const id = toolResultIdOf(above);
    if (id !== undefined) answered.add(id);
    above = above.parentId === null ? undefined : await parentOf(above.parentId);
  }
  if (above === undefined || !toolCallIdsOf(above).includes(result.toolCallId)) {
    throw new GatewayError(
      "invalid_request",
      `parts: '${result.toolCallId}' is not a tool call of the answer this message follows.`,
    );
  }
  if (answered.has(result.toolCallId)) {
    throw new GatewayError("invalid_request", `parts: '${result.toolCallId}' already has a result here.`);
  }
  return [{ type: "tool_result", toolCallId: result.toolCallId }];
}

function toolResultIdOf(message: ChatMessage): string | undefined {
  for (const p of message.parts) {
    const part = p as { type?: unknown; toolCallId?: unknown };
    if (part.type === "tool_result" && typeof part.toolCallId === "string") return part.toolCallId;
  }
  return undefined;
}

/** The ids of the tool calls an answer made (its `tool_call` parts); [] for any other message. */
export function toolCallIdsOf(message: Pick<ChatMessage, "role" | "parts">): string[] {
  if (message.role !== "assistant") return [];
  return message.parts.flatMap((p) => {
    const part = p as { type?: unknown; id?: unknown };
    return part.type === "tool_call" && typeof part.id === "string" ? [part.id] : [];
  });
}
