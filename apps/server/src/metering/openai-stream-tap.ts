import { type IrUsage, SseParser, writeSse } from "@gatehouse/protocol";
import { readOpenAIUsage } from "./openai-usage.js";

interface ChunkWire {
  choices?: Array<{
    delta?: {
      content?: unknown;
      reasoning_content?: unknown;
      tool_calls?: Array<{ function?: { arguments?: unknown } }>;
    };
  }>;
  usage?: unknown;
}

/**
 * Watches an OpenAI chat-completion SSE stream on its way to the client: reads the usage chunk, counts
 * delivered characters (for an estimate if the stream is cut), notes the `[DONE]` end marker, and — when
 * the gateway asked the upstream for usage on the client's behalf — removes the usage chunk the client
 * did not ask for.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming
 */
export class OpenAIStreamTap {
  private readonly parser = new SseParser();
  usage: IrUsage | undefined;
  done = false;
  deliveredChars = 0;
  /** True when an `{"error":...}` event came from the upstream. */
  upstreamError = false;

  /** @param stripUsage drop the usage chunk (the client did not set stream_options.include_usage). */
  constructor(private readonly stripUsage: boolean) {}

  /**
   * Feeds an upstream chunk; returns what to send to the client. Without stripping that is the chunk
   * itself (byte-for-byte passthrough). With stripping, a chunk that starts and ends on event boundaries
   * and loses nothing also goes as it is; otherwise its complete events are re-serialized — never raw
   * bytes that might end inside the very usage event a later chunk shows must go.
   */
  push(chunk: Buffer): Buffer | string {
    const wasIdle = this.parser.idle;
    const events = this.parser.push(chunk);
    if (!this.stripUsage) {
      for (const ev of events) this.inspect(ev.data);
      return chunk;
    }
    let removed = false;
    for (const ev of events) if (this.inspect(ev.data)) removed = true;
    // The common case — a chunk of whole events, none removed — still goes out as the upstream's bytes.
    if (!removed && wasIdle && this.parser.idle) return chunk;
    let out = "";
    for (const ev of events) if (!this.isUsageOnly(ev.data)) out += writeSse(ev);
    return out;
  }

  private isUsageOnly(data: string): boolean {
    if (data.indexOf('"usage"') === -1) return false;
    try {
      const c = JSON.parse(data) as ChunkWire;
      return readOpenAIUsage(c.usage) !== undefined && (c.choices?.length ?? 0) === 0;
    } catch {
      return false;
    }
  }

  /** Reads a final event that lacked its blank line; returns text still to send (stripping mode). */
  end(): string {
    let out = "";
    for (const ev of this.parser.end()) if (!this.inspect(ev.data) && this.stripUsage) out += writeSse(ev);
    return out;
  }

  /** Reads one event; true when it must be removed from the client's stream. */
  private inspect(data: string): boolean {
    if (data === "[DONE]") {
      this.done = true;
      return false;
    }
    let chunk: ChunkWire & { error?: unknown };
    try {
      chunk = JSON.parse(data);
    } catch {
      return false;
    }
    if (chunk === null || typeof chunk !== "object") return false;
    if (chunk.error !== undefined) this.upstreamError = true;
    const usage = readOpenAIUsage(chunk.usage);
    if (usage) this.usage = usage;
    for (const c of chunk.choices ?? []) this.deliveredChars += deltaChars(c?.delta);
    return this.stripUsage && usage !== undefined && (chunk.choices?.length ?? 0) === 0;
  }
}

function deltaChars(delta: NonNullable<ChunkWire["choices"]>[number]["delta"]): number {
  if (!delta) return 0;
  let n = 0;
  if (typeof delta.content === "string") n += delta.content.length;
  if (typeof delta.reasoning_content === "string") n += delta.reasoning_content.length;
  for (const t of delta.tool_calls ?? []) {
    const args = t?.function?.arguments;
    if (typeof args === "string") n += args.length;
  }
  return n;
}
