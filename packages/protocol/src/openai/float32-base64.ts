/**
 * A vector as base64 of little-endian float32 values: OpenAI's `encoding_format: "base64"` (its SDKs
 * decode it with a Float32Array over the bytes).
 * @see https://platform.openai.com/docs/api-reference/embeddings/create#embeddings-create-encoding_format
 *
 * @example
 * encodeFloat32Base64([1, 0.5]); // "AACAPwAAAD8="
 */
export function encodeFloat32Base64(vector: readonly number[]): string {
  const view = new DataView(new ArrayBuffer(vector.length * 4));
  vector.forEach((v, i) => {
    view.setFloat32(i * 4, v, true);
  });
  return Buffer.from(view.buffer).toString("base64");
}

/** The inverse of {@link encodeFloat32Base64}; undefined when the text is not base64 of whole float32s. */
export function decodeFloat32Base64(text: string): number[] | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  const bytes = Buffer.from(text, "base64");
  if (bytes.length % 4 !== 0) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i += 4) out.push(view.getFloat32(i, true));
  return out;
}
