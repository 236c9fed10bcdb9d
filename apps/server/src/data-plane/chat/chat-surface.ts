import type {
  IrChatRequest,
  IrChatResponse,
  IrUsage,
  StreamEncoder,
  UnmodeledField,
} from "@gatehouse/protocol";
import type { ProviderAdapter, UpstreamRequest } from "../../providers/provider-adapter.js";
import type { UpstreamTarget } from "../../providers/upstream-target.js";
import type { DecodeInput, Surface } from "../operation.js";
import type { Exchange } from "../pipeline/exchange.js";
import type { StreamPipe } from "../pipeline/stream-pipe.js";
import type { ChatRequest } from "./chat-request.js";

/** Builds the upstream request for a passthrough body (already holding the upstream's model name). */
export type NativeRequest = (
  body: Buffer | string,
  upstreamModel: string,
  stream: boolean,
  now: number,
) => UpstreamRequest;

/** What a surface's chat decoder makes of a body. */
export interface DecodedChat {
  ir: IrChatRequest;
  warnings: readonly string[];
  unmodeled: readonly UnmodeledField[];
}

/** A client protocol's chat call: how its bodies decode, how its answers, streams and errors are written. */
export interface ChatSurface extends Surface {
  /**
   * A parsed body (the `gatehouse` field already out), with the URL (Gemini names model and method in
   * its path) → IR; malformed input throws a 400 naming the param.
   */
  decodeChat(json: Record<string, unknown>, input: DecodeInput): DecodedChat;
  /** The client's name of the output limit a body set (OpenAI has two), for errors about it. */
  maxTokensParam(json: Record<string, unknown>): string;
  /** `request` is the client's whole request, for surfaces whose answers echo its settings (Responses). */
  encodeResponse(ir: IrChatResponse, model: string, request: ChatRequest): unknown;
  createStreamEncoder(ir: IrChatRequest, model: string, request: ChatRequest): StreamEncoder;
  /** Client headers a same-protocol upstream should still see (e.g. anthropic-beta), lowercased. */
  passthroughHeaders: readonly string[];
  /** The body a same-protocol upstream gets: the client's bytes, the model renamed if it must be. */
  passthroughBody(request: ChatRequest, upstreamModel: string): Buffer | string;
  /** The usage a whole answer in this protocol reports (passthrough answers are not decoded further). */
  readUsage(json: unknown): IrUsage | undefined;
  /**
   * For a surface no adapter's `protocol` names (Responses): the request that carries the client's
   * bytes to a candidate that speaks the surface's protocol after all, or undefined when it does not.
   */
  nativeRequest?(adapter: ProviderAdapter, target: UpstreamTarget): NativeRequest | undefined;
  /**
   * What the client gets of a same-protocol upstream's whole answer when it must differ from the bytes
   * (the Responses surface's stored answers carry the gateway's id); undefined: the bytes as they came.
   */
  passthroughAnswer?(request: ChatRequest, bytes: Buffer, json: unknown): string | undefined;
  /** How a same-protocol upstream's stream is metered on its way through, byte for byte. */
  passthroughPipe(adapter: ProviderAdapter, request: ChatRequest, exchange: Exchange): StreamPipe;
}
