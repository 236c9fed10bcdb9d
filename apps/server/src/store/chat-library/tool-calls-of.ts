/** A tool call as exports and share links show it: the function's name and its arguments (JSON text). */
export interface ShownToolCall {
  id: string;
  name: string;
  arguments: string;
}

/**
 * The tool calls an answer's `parts` hold (`{ type: "tool_call", id, name, arguments }`), in order.
 *
 * @example
 * toolCallsOf([{ type: "tool_call", id: "call_1", name: "get_weather", arguments: "{}" }]).length; // 1
 */
export function toolCallsOf(parts: readonly unknown[]): ShownToolCall[] {
  const calls: ShownToolCall[] = [];
  for (const part of parts) {
    const p = part as { type?: unknown; id?: unknown; name?: unknown; arguments?: unknown } | null;
    if (typeof p !== "object" || p === null || p.type !== "tool_call") continue;
    if (typeof p.id !== "string" || typeof p.name !== "string" || typeof p.arguments !== "string") continue;
    calls.push({ id: p.id, name: p.name, arguments: p.arguments });
  }
  return calls;
}

/** The tool call a `tool` message answers (its `tool_result` part's toolCallId); undefined otherwise. */
export function toolResultCallId(parts: readonly unknown[]): string | undefined {
  for (const part of parts) {
    const p = part as { type?: unknown; toolCallId?: unknown } | null;
    if (typeof p === "object" && p !== null && p.type === "tool_result" && typeof p.toolCallId === "string")
      return p.toolCallId;
  }
  return undefined;
}
