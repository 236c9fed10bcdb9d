import type { IrEmbeddingsRequest } from "@gatehouse/protocol";

/**
 * An embeddings request split into consecutive calls of at most `max` inputs each, in input order, every
 * other field kept: the request itself (one part) when there is no limit or it is not passed. A limit
 * below one counts as one, so a misdeclared adapter limit cannot loop forever.
 *
 * @example
 * splitInputs({ model: "m", input: ["a", "b", "c"] }, 2).map((p) => p.input); // [["a", "b"], ["c"]]
 */
export function splitInputs(ir: IrEmbeddingsRequest, max: number | undefined): IrEmbeddingsRequest[] {
  if (max === undefined || ir.input.length <= max) return [ir];
  const size = Math.max(1, Math.floor(max));
  const parts: IrEmbeddingsRequest[] = [];
  for (let i = 0; i < ir.input.length; i += size) parts.push({ ...ir, input: ir.input.slice(i, i + size) });
  return parts;
}
