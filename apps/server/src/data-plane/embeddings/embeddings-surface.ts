import type { IrEmbeddingsRequest, IrEmbeddingsResponse } from "@gatehouse/protocol";
import type { DecodeInput, Surface } from "../operation.js";

/** A client protocol's embeddings call: how its bodies decode, its answers are written, its usage reported. */
export interface EmbeddingsSurface {
  surface: Surface;
  /** The client's method, passed to a same-protocol upstream (Gemini has two embeddings calls). */
  method: string;
  /** A parsed body (and the URL) → IR, with the parameters a conversion drops. */
  decode(json: Record<string, unknown>, input: DecodeInput): { ir: IrEmbeddingsRequest; warnings: string[] };
  /** IR answer → this protocol's body; `model` is the public name the client asked for. */
  encodeResponse(ir: IrEmbeddingsResponse, request: IrEmbeddingsRequest, model: string): unknown;
  /** Input tokens a body in this protocol reports (passthrough answers); undefined when it has none. */
  reportedInputTokens(body: unknown): number | undefined;
}
