import { crc32 } from "node:zlib";

/** The string header value type of the event-stream encoding. */
const STRING_TYPE = 7;

/**
 * Encodes one AWS event-stream message: a prelude (total length, headers length, CRC32 of those 8
 * bytes), the headers (name length u8, name, type 7 = string, value length u16, value), the payload,
 * and the CRC32 of everything before it. All integers are big-endian.
 * @see https://docs.aws.amazon.com/transcribe/latest/dg/streaming-setting-up.html#streaming-event-stream
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/RESTSelectObjectAppendix.html
 *
 * @example
 * encodeEventStreamMessage({ ":message-type": "event", ":event-type": "messageStop" }, Buffer.from("{}"));
 */
export function encodeEventStreamMessage(headers: Record<string, string>, payload: Uint8Array): Buffer {
  const headerBytes = Buffer.concat(
    Object.entries(headers).map(([name, value]) => encodeHeader(name, value)),
  );
  const total = 12 + headerBytes.length + payload.length + 4;
  const prelude = Buffer.alloc(12);
  prelude.writeUInt32BE(total, 0);
  prelude.writeUInt32BE(headerBytes.length, 4);
  prelude.writeUInt32BE(crc32(prelude.subarray(0, 8)), 8);
  const body = Buffer.concat([prelude, headerBytes, payload]);
  const trailer = Buffer.alloc(4);
  trailer.writeUInt32BE(crc32(body), 0);
  return Buffer.concat([body, trailer]);
}

function encodeHeader(name: string, value: string): Buffer {
  const nameBytes = Buffer.from(name, "utf8");
  const valueBytes = Buffer.from(value, "utf8");
  const out = Buffer.alloc(1 + nameBytes.length + 1 + 2 + valueBytes.length);
  let offset = out.writeUInt8(nameBytes.length, 0);
  offset += nameBytes.copy(out, offset);
  offset = out.writeUInt8(STRING_TYPE, offset);
  offset = out.writeUInt16BE(valueBytes.length, offset);
  valueBytes.copy(out, offset);
  return out;
}
