import type { IrEmbeddingsRequest, IrEmbeddingsResponse } from "@gatehouse/protocol";
import type { WireProtocol } from "../../providers/provider-adapter.js";

/** A client protocol's embeddings call: how its answers are written and where its usage is reported. */
export interface EmbeddingsSurface {
  protocol: WireProtocol;
  /** The client's method, passed to a same-protocol upstream (Gemini has two embeddings calls). */
  method: string;
  /** IR answer → this protocol's body; `model` is the public name the client asked for. */
  encodeResponse(ir: IrEmbeddingsResponse, request: IrEmbeddingsRequest, model: string): unknown;
  /** Input tokens a body in this protocol reports (passthrough answers); undefined when it has none. */
  reportedInputTokens(body: unknown): number | undefined;
}
