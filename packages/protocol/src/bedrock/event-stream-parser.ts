import { GatewayError } from "../errors/gateway-error.js";
import { crc32 } from "./crc32.js";

/** One decoded AWS event-stream message. Header values of every type are given as strings. */
export interface EventStreamMessage {
  headers: Record<string, string>;
  payload: Uint8Array;
}

/** AWS caps a message at 16 MiB of payload plus 128 KiB of headers; anything larger is corrupt. */
const MAX_MESSAGE = 16 * 1024 * 1024 + 128 * 1024 + 16;

function corrupt(problem: string): GatewayError {
  return new GatewayError("upstream_error", `Corrupt event-stream message from Bedrock: ${problem}`, {
    provider: "bedrock",
  });
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Reads one header value of the given type at `at`; returns it as a string and the offset after it. */
function readValue(bytes: Uint8Array, view: DataView, type: number, at: number): [string, number] {
  switch (type) {
    case 0:
      return ["true", at];
    case 1:
      return ["false", at];
    case 2:
      return [String(view.getInt8(at)), at + 1];
    case 3:
      return [String(view.getInt16(at)), at + 2];
    case 4:
      return [String(view.getInt32(at)), at + 4];
    case 5:
    case 8: // timestamp: milliseconds since the epoch
      return [String(view.getBigInt64(at)), at + 8];
    case 6: {
      const len = view.getUint16(at);
      return [Buffer.from(bytes.subarray(at + 2, at + 2 + len)).toString("base64"), at + 2 + len];
    }
    case 7: {
      const len = view.getUint16(at);
      return [
        new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(at + 2, at + 2 + len)),
        at + 2 + len,
      ];
    }
    case 9: {
      const h = hex(bytes.subarray(at, at + 16));
      return [
        `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`,
        at + 16,
      ];
    }
    default:
      throw corrupt(`unknown header value type ${type}`);
  }
}

function parseHeaders(bytes: Uint8Array): Record<string, string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headers: Record<string, string> = {};
  let at = 0;
  try {
    while (at < bytes.length) {
      const nameLength = bytes[at]!;
      const name = new TextDecoder("utf-8", { fatal: true }).decode(
        bytes.subarray(at + 1, at + 1 + nameLength),
      );
      const [value, next] = readValue(bytes, view, bytes[at + 1 + nameLength]!, at + 2 + nameLength);
      if (next > bytes.length) throw corrupt("a header runs past the headers section");
      Object.defineProperty(headers, name, { value, enumerable: true, writable: true, configurable: true });
      at = next;
    }
  } catch (err) {
    if (err instanceof GatewayError) throw err;
    throw corrupt("unreadable headers");
  }
  return headers;
}

/**
 * An incremental parser of AWS event-stream framing (`application/vnd.amazon.eventstream`, the body of
 * Bedrock's ConverseStream): fed arbitrary byte chunks, it returns the messages they complete — the same
 * messages for any split of the bytes. Both CRCs are verified; a corrupt frame throws
 * GatewayError("upstream_error"), after which the stream cannot be trusted.
 * @see https://docs.aws.amazon.com/transcribe/latest/dg/event-stream.html
 *
 * @example
 * const parser = new EventStreamParser();
 * for await (const chunk of body) for (const message of parser.push(chunk)) handle(message);
 */
export class EventStreamParser {
  private buffer = new Uint8Array(0);

  /** Feeds a chunk; returns the messages it completed. */
  push(chunk: Uint8Array): EventStreamMessage[] {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer);
    joined.set(chunk, this.buffer.length);
    const out: EventStreamMessage[] = [];
    let at = 0;
    while (joined.length - at >= 12) {
      const view = new DataView(joined.buffer, joined.byteOffset + at);
      const total = view.getUint32(0);
      const headersLength = view.getUint32(4);
      if (crc32(joined, at, at + 8) !== view.getUint32(8)) throw corrupt("prelude checksum mismatch");
      if (total < 16 || total > MAX_MESSAGE || headersLength > total - 16)
        throw corrupt("impossible lengths");
      if (joined.length - at < total) break;
      if (crc32(joined, at, at + total - 4) !== view.getUint32(total - 4))
        throw corrupt("message checksum mismatch");
      out.push({
        headers: parseHeaders(joined.subarray(at + 12, at + 12 + headersLength)),
        payload: joined.slice(at + 12 + headersLength, at + total - 4),
      });
      at += total;
    }
    this.buffer = joined.slice(at);
    return out;
  }

  /** Bytes received that do not yet make a whole message (a body that ends with some was cut short). */
  get pendingBytes(): number {
    return this.buffer.length;
  }
}
