// Reads the send-time stamps `<t:MS>` the mock upstream puts in each content chunk (see mock-wire.mjs),
// out of a response body that arrives in arbitrary pieces, in any wire format (the stamp is plain text
// that survives JSON escaping and format conversion).
import { wallClockMs } from "./wall-clock.mjs";

const STAMP = /<t:(\d+\.\d+)>/g;

/**
 * Creates a reader: feed it each body piece; it returns the stamps completed by that piece, each with
 * the time the piece arrived.
 *
 * @example
 * const reader = createStampReader();
 * for await (const piece of body) for (const s of reader.push(piece)) lags.push(s.receivedAt - s.sentAt);
 */
export function createStampReader() {
  let carry = "";
  return {
    push(piece) {
      const receivedAt = wallClockMs();
      const text = carry + piece.toString("latin1");
      const found = [];
      let end = 0;
      for (const match of text.matchAll(STAMP)) {
        found.push({ sentAt: Number(match[1]), receivedAt });
        end = match.index + match[0].length;
      }
      // Keep a possible partial stamp for the next piece.
      const open = text.lastIndexOf("<t:");
      carry = open >= end ? text.slice(open) : "";
      return found;
    },
  };
}
