// Counts the stamps `<t:` in a body arriving in pieces, on the raw bytes: the streaming load reads tens
// of thousands of chunks a second on the core it shares with the mock upstream, so this stays cheaper
// than the stamp reader (which parses each stamp's time).

const MARK = Buffer.from("<t:");

/**
 * Creates a counter: `push(piece)` returns how many stamps the piece completes (a stamp split across
 * two pieces counts once).
 *
 * @example
 * const counter = createStampCounter(); counter.push(Buffer.from("<t")) + counter.push(Buffer.from(":1>")) // 1
 */
export function createStampCounter() {
  let tail = Buffer.alloc(0);
  return {
    push(piece) {
      // A 3-byte mark across the boundary lies within the last 2 bytes before it and the first 2 after.
      let count = Buffer.concat([tail, piece.subarray(0, 2)]).includes(MARK) ? 1 : 0;
      for (let at = piece.indexOf(MARK); at !== -1; at = piece.indexOf(MARK, at + MARK.length)) count += 1;
      // The last 2 bytes of the body so far (a piece may be shorter than 2 bytes).
      const joined = piece.length >= 2 ? piece : Buffer.concat([tail, piece]);
      tail = Buffer.from(joined.subarray(Math.max(0, joined.length - 2)));
      return count;
    },
  };
}
