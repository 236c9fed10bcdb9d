import type { ToolCall } from "../playground/playground-request";

/**
 * The tool calls an answer's parts hold (`{ type: "tool_call", id, name, arguments }`, stored by the
 * server as the answer streamed), in order.
 *
 * @example
 * toolCallsOf(message.parts); // [{ id: "call_1", name: "get_weather", arguments: '{"city":"Lisbon"}' }]
 */
export function toolCallsOf(parts: readonly unknown[]): ToolCall[] {
  return parts.flatMap((p) => {
    const part = p as { type?: unknown; id?: unknown; name?: unknown; arguments?: unknown } | null;
    if (part?.type !== "tool_call") return [];
    if (typeof part.id !== "string" || typeof part.name !== "string" || typeof part.arguments !== "string")
      return [];
    return [{ id: part.id, name: part.name, arguments: part.arguments }];
  });
}

/** The call a tool message answers (its `tool_result` part); undefined for any other message. */
export function toolResultIdOf(parts: readonly unknown[]): string | undefined {
  for (const p of parts) {
    const part = p as { type?: unknown; toolCallId?: unknown } | null;
    if (part?.type === "tool_result" && typeof part.toolCallId === "string") return part.toolCallId;
  }
  return undefined;
}

/**
 * The calls of the answer `answerId` still waiting for a result on the branch (the results follow it,
 * one tool message each); [] once every call has one, or for a message that made none.
 */
export function unansweredCalls(
  branch: readonly { id: string; role: string; parts: readonly unknown[] }[],
  answerId: string,
): ToolCall[] {
  const at = branch.findIndex((m) => m.id === answerId);
  if (at === -1) return [];
  const answered = new Set<string>();
  for (const m of branch.slice(at + 1)) {
    if (m.role !== "tool") break;
    const id = toolResultIdOf(m.parts);
    if (id !== undefined) answered.add(id);
  }
  return toolCallsOf(branch[at]!.parts).filter((c) => !answered.has(c.id));
}

/** Arguments indented when they are JSON (a model may write anything), else as they came. */
export function prettyArguments(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
