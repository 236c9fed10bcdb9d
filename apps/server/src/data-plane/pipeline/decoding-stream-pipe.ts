import { GatewayError, type IrStreamEvent, type StreamEncoder, toGatewayError } from "@gatehouse/protocol";
import { StreamMeter } from "../../metering/stream-meter.js";
import type { ProviderAdapter, ResponseHeaders } from "../../providers/provider-adapter.js";
import type { ErrorRenderer } from "../surface-error.js";
import { createFrameReader, type FrameReader } from "./frame-reader.js";
import type { StreamError, StreamPipe } from "./stream-pipe.js";

/**
 * A stream pipe that decodes the upstream's frames into IR events (for metering) and sends the client
 * either the upstream's own bytes (passthrough: same protocol on both sides; `encoder` undefined) or
 * the events encoded in the client's protocol (conversion). Frames are parsed with the adapter's framing
 * and read by its typed stream decoder; a decoder that throws yields an `error` event, never an exception.
 *
 * @example
 * const pipe = new DecodingStreamPipe(adapter, response.headers, "my-provider", surface.errors, encoder);
 */
export class DecodingStreamPipe implements StreamPipe {
  private readonly reader: FrameReader;
  private readonly decoder: ReturnType<ProviderAdapter["createStreamDecoder"]>;
  private readonly meter = new StreamMeter();

  /** @param provider the configured provider's name, which errors about its stream name */
  constructor(
    adapter: ProviderAdapter,
    headers: ResponseHeaders,
    private readonly provider: string,
    private readonly errors: ErrorRenderer,
    private readonly encoder: StreamEncoder | undefined,
  ) {
    this.reader = createFrameReader(adapter.framing);
    this.decoder = adapter.createStreamDecoder(headers);
  }

  get usage() {
    return this.meter.usage;
  }
  get deliveredChars() {
    return this.meter.deliveredChars;
  }
  get completed() {
    return this.meter.completed;
  }
  get error(): StreamError | undefined {
    return this.meter.error;
  }

  push(chunk: Buffer): Buffer | string {
    const events = this.decode(this.reader.push(chunk), false);
    return this.encoder === undefined ? chunk : this.encode(events);
  }

  end(): string {
    const events = this.decode(this.reader.end(), true);
    if (this.encoder !== undefined) return this.encode(events);
    // Passthrough: the upstream's bytes carry no end marker; the client gets its protocol's error event.
    const err = this.meter.error;
    return err === undefined ? "" : this.errors.streamEvent(new GatewayError(err.code, err.message));
  }

  private decode(frames: unknown[], ending: boolean): IrStreamEvent[] {
    const events: IrStreamEvent[] = [];
    try {
      for (const f of frames) events.push(...this.decoder.push(f));
      if (ending) events.push(...this.decoder.end());
    } catch (err) {
      const e = toGatewayError(err);
      events.push({
        type: "error",
        code: e.code === "internal_error" ? "upstream_error" : e.code,
        message: e.code === "internal_error" ? "its shape is not the documented one" : e.message,
      });
    }
    const last = events[events.length - 1];
    if (
      last?.type === "error" &&
      last.code === "upstream_error" &&
      !last.message.includes(`'${this.provider}'`)
    ) {
      // Said of the provider the operator configured, not only of its format.
      events[events.length - 1] = {
        ...last,
        message: `Upstream provider '${this.provider}': ${last.message}`,
      };
    }
    this.meter.observe(events);
    return events;
  }

  private encode(events: IrStreamEvent[]): string {
    let out = "";
    for (const ev of events) out += this.encoder!.push(ev);
    return out;
  }
}
