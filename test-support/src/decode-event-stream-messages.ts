import { crc32 } from "node:zlib";

/** One decoded event-stream message: its string headers and raw payload. */
export interface EventStreamMessage {
  headers: Record<string, string>;
  payload: Buffer;
}

/**
 * Decodes a buffer of complete AWS event-stream messages, verifying both CRCs; throws on a truncated or
 * corrupt message (a test helper: tests assert what a fake or the gateway wrote). Only string headers
 * (type 7) are supported, which is all Bedrock sends.
 * @see https://docs.aws.amazon.com/transcribe/latest/dg/streaming-setting-up.html#streaming-event-stream
 *
 * @example
 * decodeEventStreamMessages(Buffer.concat(frames)).map((m) => m.headers[":event-type"]);
 */
export function decodeEventStreamMessages(buffer: Uint8Array): EventStreamMessage[] {
  const buf = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const out: EventStreamMessage[] = [];
  let offset = 0;
  while (offset < buf.length) {
    if (buf.length - offset < 16) throw new Error(`truncated event-stream prelude at ${offset}`);
    const total = buf.readUInt32BE(offset);
    const headersLength = buf.readUInt32BE(offset + 4);
    if (buf.readUInt32BE(offset + 8) !== crc32(buf.subarray(offset, offset + 8))) {
      throw new Error(`bad prelude CRC at ${offset}`);
    }
    if (offset + total > buf.length) throw new Error(`truncated event-stream message at ${offset}`);
    const message = buf.subarray(offset, offset + total);
    if (message.readUInt32BE(total - 4) !== crc32(message.subarray(0, total - 4))) {
      throw new Error(`bad message CRC at ${offset}`);
    }
    out.push({
      headers: decodeHeaders(message.subarray(12, 12 + headersLength)),
      payload: Buffer.from(message.subarray(12 + headersLength, total - 4)),
    });
    offset += total;
  }
  return out;
}

function decodeHeaders(bytes: Buffer): Record<string, string> {
  const headers: Record<string, string> = {};
  let i = 0;
  while (i < bytes.length) {
    const nameLength = bytes.readUInt8(i);
    const name = bytes.subarray(i + 1, i + 1 + nameLength).toString("utf8");
    i += 1 + nameLength;
    const type = bytes.readUInt8(i);
    if (type !== 7) throw new Error(`unsupported event-stream header type ${type} for ${name}`);
    const valueLength = bytes.readUInt16BE(i + 1);
    headers[name] = bytes.subarray(i + 3, i + 3 + valueLength).toString("utf8");
    i += 3 + valueLength;
  }
  return headers;
}
