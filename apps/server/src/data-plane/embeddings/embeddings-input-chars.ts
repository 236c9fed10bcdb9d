/** The characters of an embeddings request's inputs, for estimates. */
export function embeddingsInputChars(input: readonly string[]): number {
  let n = 0;
  for (const text of input) n += text.length;
  return n;
}
