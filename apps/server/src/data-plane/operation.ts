import type { IncomingHttpHeaders } from "node:http";
import type { Principal } from "../domain/principal.js";
import type { WireProtocol } from "../providers/provider-adapter.js";
import type { GatewayRuntime } from "./gateway-runtime.js";
import type { ClientResponse } from "./pipeline/client-response.js";
import type { UsageTicket } from "./pipeline/meter.js";
import type { Outcome } from "./pipeline/outcome.js";
import type { OperationName, RequestScope, SurfaceName } from "./pipeline/request-scope.js";
import type { ErrorRenderer } from "./surface-error.js";

/** A client protocol Gatehouse answers in: its errors and how its clients present their key. */
export interface Surface {
  readonly name: SurfaceName;
  readonly protocol: WireProtocol;
  readonly errors: ErrorRenderer;
  /** The gateway key as this protocol's clients send it (headers, or Gemini's `?key=`). */
  credential(headers: IncomingHttpHeaders, query: Record<string, unknown>): string | undefined;
}

/** What a decoder is given: the body (read only after authentication) and the request's URL parts. */
export interface DecodeInput {
  body: Buffer;
  /** Who is asking (already authenticated): the Responses API's stored state is scoped to it. */
  principal: Principal;
  params: Record<string, string>;
  query: Record<string, unknown>;
  headers: IncomingHttpHeaders;
}

/** A decoded request: what the pipeline's common steps read, and the operation's own request. */
/**
 * What a request may use at most, known once it is decoded: the admit step reserves budgets, credits and
 * token-rate windows against it before any upstream call (the largest possible cost), and settles to
 * the actual use after.
 */
export interface RequestEstimate {
  /** Prompt tokens, estimated from the request's text. */
  promptTokens: number;
  /** The output tokens the request allows (its max_tokens), undefined when it sets no cap. */
  maxOutputTokens: number | undefined;
}

export interface Decoded<R> {
  /** The model asked for; undefined for operations without one (model lists). */
  model: string | undefined;
  stream: boolean;
  /** The body's `gatehouse` settings field (already taken out of the request), undefined when absent. */
  gatehouseField: unknown;
  request: R;
  /** What the request may use at most; absent for operations that call no upstream and bill nothing. */
  estimate?: RequestEstimate;
  /** The prompt's text, built on demand: counted with a tokenizer when the upstream reports no usage. */
  promptText?: () => string;
}

/** What an operation's serve step is given once the request is authenticated, authorized and admitted. */
export interface ServeContext<R> {
  rt: GatewayRuntime;
  scope: RequestScope;
  request: R;
  headers: IncomingHttpHeaders;
  /** Where the answer goes: the HTTP response, or another transport's (ClientResponse). */
  res: ClientResponse;
  ticket: UsageTicket;
}

/**
 * One operation of one surface (chat on the OpenAI surface, embeddings on Gemini's, ...): a decoder and
 * what it serves. Every operation runs the same pipeline (run-pipeline.ts): authenticate → read body →
 * decode → authorize → admit → serve → meter; an operation that calls an upstream serves through the one
 * route plan, forwarder and relays — it never has a forwarder of its own.
 */
export interface Operation<R> {
  readonly name: OperationName;
  readonly surface: Surface;
  /** False for operations without a body (model lists): nothing is read. */
  readonly readsBody: boolean;
  /**
   * Body and URL → the request; bad input throws a 400-class GatewayError. Asynchronous only where a
   * request refers to stored state (a Responses `previous_response_id`).
   */
  decode(input: DecodeInput): Decoded<R> | Promise<Decoded<R>>;
  serve(ctx: ServeContext<R>): Promise<Outcome>;
}
