/** One captured body, cut at the bound: the bytes kept, the whole size, whether it was cut. */
export interface CapturedBytes {
  bytes: Buffer;
  size: number;
  truncated: boolean;
}

/**
 * What the data plane keeps of one request whose tenant turned capture on (it exists only then: with
 * capture off the relays see `undefined` and do nothing more). The request body is the buffer the
 * pipeline already read (kept by reference, cut only when written); the answer is the body sent
 * (non-streamed) or the bytes written to the client's socket (streamed), copied up to `maxBytes` and
 * counted beyond. Headers are never given to it.
 */
export class CaptureTap {
  #chunks: Buffer[] = [];
  #kept = 0;
  #size = 0;
  #answered = false;

  constructor(
    /** The client's request body, as read. */
    readonly request: Buffer,
    readonly maxBytes: number,
    readonly stream: boolean,
  ) {}

  /** A whole answer sent to the client. */
  answer(body: Buffer | string): void {
    this.append(body);
  }

  /** Bytes written to the client (a chunk of a stream, or a whole body). */
  append(data: Buffer | string): void {
    this.#answered = true;
    const buf = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    this.#size += buf.length;
    const room = this.maxBytes - this.#kept;
    if (room <= 0 || buf.length === 0) return;
    // Copied: a passthrough's chunk may be a view into a pooled buffer reused after the write.
    const part = Buffer.from(buf.subarray(0, room));
    this.#chunks.push(part);
    this.#kept += part.length;
  }

  /** The request body, cut at the bound. */
  requestBytes(): CapturedBytes {
    return cut(this.request, this.maxBytes);
  }

  /** The answer the client got, cut at the bound; undefined when nothing was sent (an error answer). */
  responseBytes(): CapturedBytes | undefined {
    if (!this.#answered) return undefined;
    return { bytes: Buffer.concat(this.#chunks), size: this.#size, truncated: this.#size > this.#kept };
  }
}

function cut(body: Buffer, max: number): CapturedBytes {
  return body.length <= max
    ? { bytes: body, size: body.length, truncated: false }
    : { bytes: body.subarray(0, max), size: body.length, truncated: true };
}
