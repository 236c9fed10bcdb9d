const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;

/** The offset of the quote that closes the string opened at `open`, or the text's length if none does. */
function endOfString(text: string, open: number): number {
  let at = text.indexOf('"', open + 1);
  while (at !== -1) {
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === BACKSLASH) backslashes++;
    // An even run of backslashes escapes itself, not the quote.
    if (backslashes % 2 === 0) return at;
    at = text.indexOf('"', at + 1);
  }
  return text.length;
}

/**
 * Where JSON text first nests arrays and objects deeper than `maxDepth`: the offset of the opening
 * bracket that goes one level too deep, or -1 when it never does. One linear pass with a counter, no
 * recursion, so any input — valid JSON or not — is scanned in constant stack space. Strings (where
 * brackets do not count, and where most of a chat body's bytes are) are skipped with the native
 * `indexOf`, which keeps the scan well below JSON.parse's own cost. For text that is not valid JSON the
 * answer only says whether its brackets alone nest too deep.
 *
 * @example
 * jsonTextDepthExceededAt('{"a":[1,{"b":"[[["}]}', 2); // 8 (the "{" of the inner object)
 * jsonTextDepthExceededAt('{"a":[1,2]}', 2); // -1
 */
export function jsonTextDepthExceededAt(text: string, maxDepth: number): number {
  let depth = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) i = endOfString(text, i);
    else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > maxDepth) return i;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) depth--;
  }
  return -1;
}
