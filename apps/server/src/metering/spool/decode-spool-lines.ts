import type { PendingUsage, UsageFinal } from "../../store/store-types.js";
import { parsePendingUsage, parseUsageFinal } from "./parse-usage-records.js";

/** What a run of spool bytes holds, in file order within each kind. */
export interface DecodedSpool {
  pending: PendingUsage[];
  finals: UsageFinal[];
  /** Complete lines that are not a valid record (corruption; never written by the recorder). */
  invalid: number;
  /** Bytes of a last line with no newline: the torn end of an append cut short by a crash. */
  tornBytes: number;
}

const NEWLINE = 0x0a;

/**
 * Reads spool lines (encodePendingLine, encodeFinalLine). Never throws: a complete line that is not a
 * valid record is counted in `invalid` and skipped, and a last line without its newline is ignored
 * (`tornBytes`) — the recorder resolves `begin` only after its whole append returned, so a torn line
 * belongs to a request that was never sent upstream.
 *
 * @example
 * const { pending, finals } = decodeSpoolLines(readFileSync(segment));
 */
export function decodeSpoolLines(bytes: Uint8Array): DecodedSpool {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const out: DecodedSpool = { pending: [], finals: [], invalid: 0, tornBytes: 0 };
  let start = 0;
  while (start < buf.length) {
    const end = buf.indexOf(NEWLINE, start);
    if (end === -1) {
      out.tornBytes = buf.length - start;
      break;
    }
    if (end > start) readLine(buf.toString("utf8", start, end), out);
    start = end + 1;
  }
  return out;
}

function readLine(text: string, out: DecodedSpool): void {
  let line: unknown;
  try {
    line = JSON.parse(text);
  } catch {
    out.invalid++;
    return;
  }
  const { k, r } = (typeof line === "object" && line !== null ? line : {}) as { k?: unknown; r?: unknown };
  if (k === "p") {
    const record = parsePendingUsage(r);
    if (record) {
      out.pending.push(record);
      return;
    }
  } else if (k === "f") {
    const final = parseUsageFinal(r);
    if (final) {
      out.finals.push(final);
      return;
    }
  }
  out.invalid++;
}
