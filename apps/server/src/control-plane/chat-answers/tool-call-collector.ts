import type { ChatToolCallPart } from "@gatehouse/contracts";

/** The most tool calls one answer keeps (OpenAI's parallel calls are a handful; more is a broken stream). */
export const MAX_TOOL_CALLS = 128;

/**
 * Puts a streamed answer's tool calls together: each call arrives as deltas sharing an `index` — the
 * first with its id and function name, the next ones with fragments of its arguments (JSON text).
 * The arguments of all calls together are bounded by the message limit the caller passes.
 *
 * @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming (delta.tool_calls)
 * @example
 * const calls = new ToolCallCollector();
 * calls.add({ index: 0, id: "call_1", name: "get_weather", arguments: '{"ci' });
 * calls.add({ index: 0, arguments: 'ty":"Lisbon"}' });
 * calls.parts(); // [{ type: "tool_call", id: "call_1", name: "get_weather", arguments: '{"city":"Lisbon"}' }]
 */
export class ToolCallCollector {
  private readonly calls = new Map<number, { id: string; name: string; arguments: string }>();
  /** UTF-8 bytes of every call's arguments and names so far. */
  bytes = 0;

  /** Adds one delta; false when it would make more than {@link MAX_TOOL_CALLS} calls (it is dropped). */
  add(piece: { index: number; id?: string; name?: string; arguments: string }): boolean {
    let call = this.calls.get(piece.index);
    if (call === undefined) {
      if (this.calls.size >= MAX_TOOL_CALLS) return false;
      call = { id: "", name: "", arguments: "" };
      this.calls.set(piece.index, call);
    }
    if (piece.id !== undefined) call.id = piece.id;
    // OpenAI sends the name once; an upstream that repeats it on each delta must not make it grow.
    if (piece.name !== undefined && call.name === "") {
      call.name = piece.name;
      this.bytes += Buffer.byteLength(piece.name, "utf8");
    }
    call.arguments += piece.arguments;
    this.bytes += Buffer.byteLength(piece.arguments, "utf8");
    return true;
  }

  /** Whether any call came. */
  get any(): boolean {
    return this.calls.size > 0;
  }

  /**
   * The calls as message parts, by index; a call whose id never came gets one (`call_<index>`), so a
   * result can still name it.
   */
  parts(): ChatToolCallPart[] {
    return [...this.calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, c]) => ({
        type: "tool_call" as const,
        id: c.id || `call_${index}`,
        name: c.name,
        arguments: c.arguments,
      }));
  }
}
