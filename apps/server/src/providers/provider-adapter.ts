import type {
  GatewayError,
  IrChatRequest,
  IrChatResponse,
  IrEmbeddingsRequest,
  IrEmbeddingsResponse,
  StreamDecoder,
} from "@gatehouse/protocol";
import type { TargetAuth, UpstreamTarget } from "./upstream-target.js";

/** The wire formats upstreams speak. */
export type WireProtocol = "openai" | "anthropic" | "gemini" | "ollama" | "bedrock";

/** How an upstream frames a streamed body. */
export type StreamFraming = "sse" | "ndjson" | "eventstream";

/** One HTTP request to an upstream, ready for the dispatcher. */
export interface UpstreamRequest {
  path: string;
  headers: Record<string, string>;
  body: string | Buffer;
  /** Parameters dropped because the upstream cannot honour them (sent as x-gatehouse-warnings). */
  warnings: string[];
}

/** Response headers as undici gives them. */
export type ResponseHeaders = Record<string, string | string[] | undefined>;

/**
 * What the gateway needs from one provider kind to serve a chat call through the IR: build its request,
 * read its answer, its stream and its errors. The verbs of a provider, as small pure functions; the
 * transport (pooling, timeouts, retries) stays in the data plane.
 */
export interface ProviderAdapter {
  readonly protocol: WireProtocol;
  readonly framing: StreamFraming;
  /** The upstream request for an IR chat request (conversion path). */
  chatRequest(ir: IrChatRequest, upstreamModel: string, target: UpstreamTarget, now: number): UpstreamRequest;
  /**
   * The upstream request for a client body in the upstream's own format (passthrough path). The body is
   * sent as given: the client surface has already put the upstream's model name in it where the format
   * carries one (it parsed the body once; the adapter does not parse it again).
   */
  passthroughRequest(
    body: Buffer | string,
    upstreamModel: string,
    stream: boolean,
    target: UpstreamTarget,
    now: number,
  ): UpstreamRequest;
  decodeResponse(body: unknown): IrChatResponse;
  createStreamDecoder(): StreamDecoder<unknown>;
  decodeError(status: number, body: string, headers: ResponseHeaders, now: number): GatewayError;
  /**
   * Image URLs this upstream cannot take, which the gateway fetches into base64 before building its
   * request (media/prefetch-route-images.ts): `true` for all http(s) URLs, or a predicate per URL.
   */
  readonly needsImageBytes?: boolean | ((url: string) => boolean);
  /** The provider's embeddings API; absent when it has none (requests for it are refused with a 400). */
  readonly embeddings?: EmbeddingsAdapter;
  /**
   * The target's request-time auth, for kinds whose credential is a token fetched and refreshed
   * asynchronously (Vertex AI's OAuth access token); built once per routing snapshot by buildTarget.
   */
  createAuth?(target: UpstreamTarget): TargetAuth;
}

/** What the gateway needs from one provider kind to serve embeddings. Errors decode as for chat. */
export interface EmbeddingsAdapter {
  /**
   * The most inputs one upstream call takes (Gemini's batchEmbedContents: 100); a larger request is
   * split into consecutive calls to the same deployment, the answers joined in order. None: no limit.
   */
  readonly maxInputsPerCall?: number;
  /** The upstream request for an IR embeddings request (conversion path). */
  request(ir: IrEmbeddingsRequest, upstreamModel: string, target: UpstreamTarget): UpstreamRequest;
  /** The upstream's answer → IR, `model` being the public name to report. */
  decodeResponse(body: unknown, model: string): IrEmbeddingsResponse;
  /**
   * The upstream request for a client body already in the upstream's format (passthrough path), only
   * the model renamed. `method` is the client's call where the protocol has several (Gemini:
   * embedContent or batchEmbedContents).
   */
  passthroughRequest?(
    raw: Buffer,
    upstreamModel: string,
    target: UpstreamTarget,
    method: string,
  ): UpstreamRequest;
}
