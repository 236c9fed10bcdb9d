import type { IrChatRequest, IrChatResponse, StreamEncoder } from "@gatehouse/protocol";
import type { WireProtocol } from "../providers/provider-adapter.js";
import type { RequestContext } from "./request-context.js";
import type { ErrorRenderer } from "./surface-error.js";

/** A client protocol the gateway answers in: how to render answers, streams and errors. */
export interface ChatSurface {
  name: RequestContext["surface"];
  protocol: WireProtocol;
  encodeResponse(ir: IrChatResponse, model: string): unknown;
  createStreamEncoder(request: IrChatRequest, model: string): StreamEncoder;
  errors: ErrorRenderer;
  /** Client headers a same-protocol upstream should still see (e.g. anthropic-beta), lowercased. */
  passthroughHeaders: readonly string[];
}
