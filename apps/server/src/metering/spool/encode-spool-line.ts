import type { PendingUsage, UsageFinal } from "../../store/store-types.js";

/**
 * One spool line per record: a JSON object `{"k":"p"|"f","r":<record>}` and a newline. JSON text never
 * holds a raw newline (JSON.stringify escapes it inside strings), and in UTF-8 the byte 0x0A is never
 * part of a longer character, so a reader can split on that byte; a line without its newline is the torn
 * end of a write cut short by a crash, and is ignored (decodeSpoolLines).
 * The record is stringified on its own and wrapped by concatenation, so no wrapper object is built per
 * record on the request path.
 *
 * @example
 * encodePendingLine(record); // '{"k":"p","r":{"id":"req_1",...}}\n'
 */
export function encodePendingLine(record: PendingUsage): string {
  return '{"k":"p","r":' + JSON.stringify(record) + "}\n";
}

/** The line of a final record; see {@link encodePendingLine}. */
export function encodeFinalLine(final: UsageFinal): string {
  return '{"k":"f","r":' + JSON.stringify(final) + "}\n";
}
