/**
 * `bytes` as text when they are valid UTF-8 without NUL characters (a leading byte-order mark is
 * dropped); undefined otherwise — binary data, or text in another encoding, is refused rather than
 * shown as mojibake to the model.
 *
 * @see https://encoding.spec.whatwg.org/#utf-8-decode the fatal UTF-8 decoder used
 *
 * @example
 * decodeUtf8Text(Buffer.from("héllo")); // "héllo"
 * decodeUtf8Text(new Uint8Array([0xff])); // undefined
 */
export function decodeUtf8Text(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
  return text.includes("\u0000") ? undefined : text;
}
