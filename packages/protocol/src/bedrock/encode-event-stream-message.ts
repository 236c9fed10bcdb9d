import { GatewayError } from "../errors/gateway-error.js";
import { crc32 } from "./crc32.js";

const STRING_TYPE = 7;

/**
 * One AWS event-stream message with string headers (what Bedrock sends: `:event-type`,
 * `:content-type`, `:message-type`): prelude (total length, headers length, prelude CRC), headers,
 * payload, message CRC, all big-endian. Used by the fake Bedrock upstream and round-trip tests.
 * @see https://docs.aws.amazon.com/transcribe/latest/dg/event-stream.html
 *
 * @example
 * encodeEventStreamMessage({ ":event-type": "messageStart", ":message-type": "event" }, payload);
 */
export function encodeEventStreamMessage(headers: Record<string, string>, payload: Uint8Array): Uint8Array {
  const utf8 = new TextEncoder();
  const headerParts = Object.entries(headers).map(([name, value]) => {
    const n = utf8.encode(name);
    const v = utf8.encode(value);
    if (n.length === 0 || n.length > 255 || v.length > 0xffff) {
      throw new GatewayError("internal_error", `Event-stream header ${name} does not fit the framing`);
    }
    const out = new Uint8Array(1 + n.length + 1 + 2 + v.length);
    out[0] = n.length;
    out.set(n, 1);
    out[1 + n.length] = STRING_TYPE;
    new DataView(out.buffer).setUint16(2 + n.length, v.length);
    out.set(v, 4 + n.length);
    return out;
  });
  const headersLength = headerParts.reduce((sum, h) => sum + h.length, 0);
  const total = 12 + headersLength + payload.length + 4;
  const message = new Uint8Array(total);
  const view = new DataView(message.buffer);
  view.setUint32(0, total);
  view.setUint32(4, headersLength);
  view.setUint32(8, crc32(message, 0, 8));
  let at = 12;
  for (const h of headerParts) {
    message.set(h, at);
    at += h.length;
  }
  message.set(payload, at);
  view.setUint32(total - 4, crc32(message, 0, total - 4));
  return message;
}
