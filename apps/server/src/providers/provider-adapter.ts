import type {
  GatewayError,
  IrChatRequest,
  IrChatResponse,
  IrEmbeddingsRequest,
  IrEmbeddingsResponse,
  StreamDecoder,
} from "@gatehouse/protocol";
import type { TimeoutOverrides } from "../resilience/resolve-timeouts.js";
import type { ProviderCredentials, TargetAuth, UpstreamTarget } from "./upstream-target.js";

/** The wire formats upstreams speak. */
/**
 * A wire format. "openai-responses" is the Responses surface's: no adapter's `protocol` is it, since an
 * OpenAI provider speaks it only when configured to (`responsesRequest`, `responsesApi`).
 */
export type WireProtocol = "openai" | "openai-responses" | "anthropic" | "gemini" | "ollama" | "bedrock";

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

/** A base URL that follows from a provider's settings (Bedrock's region, Vertex AI's location). */
export interface DefaultBaseUrl {
  /** The setting it follows from, as the error names it when neither it nor a base URL is given. */
  readonly setting: string;
  /** The URL for these settings; undefined when the setting is absent; a 400 GatewayError when malformed. */
  resolve(config: Record<string, unknown>): string | undefined;
}

/**
 * Everything the gateway knows about one provider kind, so that adding a kind touches its folder and the
 * `adapterFor` table only: how to reach it (static headers, default base URL, timeouts), how to build its
 * requests, and how to read its answers, streams and errors. The verbs of a provider, as small pure
 * functions; the transport (pooling, timeouts, retries) stays in the data plane.
 */
export interface ProviderAdapter {
  readonly protocol: WireProtocol;
  readonly framing: StreamFraming;
  /**
   * The headers every request to a provider of this kind carries besides the content type: its credential
   * in the kind's auth style (none for kinds that sign each request or fetch a token) and fixed protocol
   * headers (anthropic-version). Computed once per routing snapshot by buildTarget.
   */
  staticHeaders(credentials: ProviderCredentials, config: Record<string, unknown>): Record<string, string>;
  /** Where the endpoint follows from a setting when the operator gives no base URL; absent: a URL is required. */
  readonly defaultBaseUrl?: DefaultBaseUrl;
  /** The kind's timeouts where it differs from the global defaults (resolveTimeouts' `provider` layer). */
  readonly defaultTimeouts?: Readonly<TimeoutOverrides>;
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
  /**
   * The upstream's JSON answer → IR. `headers` are the response's, for what the body does not carry
   * (Bedrock's answer id is its `x-amzn-requestid`).
   */
  decodeResponse(body: unknown, headers: ResponseHeaders): IrChatResponse;
  /**
   * The upstream request for a client's OpenAI Responses body, sent as given, for a provider of this kind
   * that speaks the Responses API (its config sets `responsesApi: true`); absent when no provider of the
   * kind can. Answers and streams are then the upstream's own Responses bytes.
   */
  responsesRequest?(body: Buffer | string, target: UpstreamTarget): UpstreamRequest;
  /**
   * The upstream request for a client's `/v1/responses/compact` body, sent as given, on the same terms as
   * responsesRequest (a provider whose config sets `responsesApi: true`); absent when no provider of the
   * kind offers compaction.
   */
  responsesCompactRequest?(body: Buffer | string, target: UpstreamTarget): UpstreamRequest;
  /** A decoder for one streamed answer, given the response's headers (see decodeResponse). */
  createStreamDecoder(headers: ResponseHeaders): StreamDecoder<unknown>;
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
  /**
   * The most inputs one upstream call may carry for this model, when the provider documents a limit; the
   * forwarder splits a larger IR request into consecutive calls and joins the vectors in input order.
   * Absent, or undefined for a model: no limit.
   */
  maxInputsPerCall?(upstreamModel: string): number | undefined;
}
