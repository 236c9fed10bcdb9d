/** One Server-Sent Event: the `event:` name (if any) and its joined `data:` lines. */
export interface SseEvent {
  event?: string;
  data: string;
  id?: string;
}

/**
 * An incremental SSE parser (WHATWG "event stream interpretation"), fed arbitrary chunks: the events it
 * returns are the same for any split of the byte stream, including splits inside a multi-byte character
 * or between CR and LF.
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 *
 * @example
 * const parser = new SseParser();
 * for (const chunk of body) for (const ev of parser.push(chunk)) handle(ev);
 * parser.end();
 */
export class SseParser {
  private readonly decoder = new TextDecoder("utf-8");
  private buffer = "";
  private pendingCr = false;
  private data: string[] = [];
  private event: string | undefined;
  private id: string | undefined;

  /** True when no partial line or event is buffered: the bytes fed so far ended on an event boundary. */
  get idle(): boolean {
    return this.buffer.length === 0 && this.data.length === 0 && !this.pendingCr && this.event === undefined;
  }

  /** Feeds a chunk; returns the events it completed. */
  push(chunk: Uint8Array | string): SseEvent[] {
    const text = typeof chunk === "string" ? chunk : this.decoder.decode(chunk, { stream: true });
    return this.consume(text);
  }

  /** Ends the stream; a final event without its blank line is dispatched (as browsers do not, but providers' last events sometimes lack it). */
  end(): SseEvent[] {
    const out = this.consume(this.decoder.decode());
    if (this.buffer.length > 0) {
      this.line(this.buffer, out);
      this.buffer = "";
    }
    this.dispatch(out);
    return out;
  }

  private consume(text: string): SseEvent[] {
    const out: SseEvent[] = [];
    let start = 0;
    let buf = this.buffer + text;
    if (this.pendingCr && buf.startsWith("\n")) buf = buf.slice(1);
    this.pendingCr = false;
    for (let i = 0; i < buf.length; i++) {
      const c = buf.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.line(buf.slice(start, i), out);
      if (c === 13) {
        if (i + 1 === buf.length) this.pendingCr = true;
        else if (buf.charCodeAt(i + 1) === 10) i++;
      }
      start = i + 1;
    }
    this.buffer = buf.slice(start);
    return out;
  }

  private line(line: string, out: SseEvent[]): void {
    if (line.length === 0) {
      this.dispatch(out);
      return;
    }
    if (line.charCodeAt(0) === 58) return; // ":" comment
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === "data") this.data.push(value);
    else if (field === "event") this.event = value;
    else if (field === "id") this.id = value;
  }

  private dispatch(out: SseEvent[]): void {
    if (this.data.length === 0) {
      this.event = undefined;
      return;
    }
    const ev: SseEvent = { data: this.data.join("\n") };
    if (this.event !== undefined) ev.event = this.event;
    if (this.id !== undefined) ev.id = this.id;
    out.push(ev);
    this.data = [];
    this.event = undefined;
  }
}
