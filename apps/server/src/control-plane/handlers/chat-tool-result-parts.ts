import type { ChatToolResultPart } from "@gatehouse/contracts";
import { GatewayError } from "@gatehouse/protocol";
import type { ChatMessage } from "../../store/chat/chat-types.js";

/**
 * The parts of a `tool` message, checked against its parent: exactly one `tool_result` naming a tool
 * call of the parent answer, not answered yet on this branch's parent (a second result for the same call
 * is a branch, as an edited question is: allowed). Any other role must carry no tool result.
 *
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages (tool message)
 * @example
 * const parts = toolResultParts("tool", body.parts, parent); // [{ type: "tool_result", toolCallId }]
 */
export function toolResultParts(
  role: "user" | "assistant" | "tool",
  results: readonly ChatToolResultPart[],
  parent: ChatMessage | undefined,
): ChatToolResultPart[] {
  if (role !== "tool") {
    if (results.length > 0)
      throw new GatewayError("invalid_request", "parts: only a tool message carries a tool_result.");
    return [];
  }
  const [result] = results;
  if (results.length !== 1 || result === undefined) {
    throw new GatewayError("invalid_request", "parts: a tool message carries exactly one tool_result.");
  }
  if (parent === undefined) {
    throw new GatewayError("invalid_request", "parentId: a tool message answers a tool call of its parent.");
  }
  if (!toolCallIdsOf(parent).includes(result.toolCallId)) {
    throw new GatewayError(
      "invalid_request",
      `parts: '${result.toolCallId}' is not a tool call of the parent message.`,
    );
  }
  return [{ type: "tool_result", toolCallId: result.toolCallId }];
}

/** The ids of the tool calls an answer made (its `tool_call` parts); [] for any other message. */
export function toolCallIdsOf(message: Pick<ChatMessage, "role" | "parts">): string[] {
  if (message.role !== "assistant") return [];
  return message.parts.flatMap((p) => {
    const part = p as { type?: unknown; id?: unknown };
    return part.type === "tool_call" && typeof part.id === "string" ? [part.id] : [];
  });
}
