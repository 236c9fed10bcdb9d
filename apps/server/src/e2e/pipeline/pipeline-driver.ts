import type { OperationName } from "../../data-plane/pipeline/request-scope.js";
import type { SurfaceName } from "../routing/surface-client.js";
import type { RawAnswer, RawRequest } from "./raw-call.js";

/** The client surfaces the table covers: the three of routing/surface-client.ts and the Responses API. */
export type DriverSurface = SurfaceName | "responses";

/**
 * The upstream kinds the conformance gateway routes to: one per client protocol, and
 * `openai-responses`: an `openai` provider with `responsesApi: true` over the Responses API's fake (the
 * only upstream of the rows that exist only natively, as /v1/responses/compact).
 */
export type UpstreamKind = "openai" | "anthropic" | "gemini" | "openai-responses";

/** What a model of the conformance gateway serves. */
export type ModelFamily = "chat" | "embeddings";

/** The ways a client presents its gateway key. */
export type AuthStyle = "bearer" | "x-api-key" | "x-goog-api-key" | "query-key";

export const AUTH_STYLES: readonly AuthStyle[] = ["bearer", "x-api-key", "x-goog-api-key", "query-key"];

/**
 * The key styles each surface accepts: every surface reads the three header styles its SDKs and
 * OpenAI-compatible clients send; only Gemini's reads `?key=`, as Google's API does.
 * @see https://platform.openai.com/docs/api-reference/authentication
 * @see https://docs.anthropic.com/en/api/overview#authentication
 * @see https://ai.google.dev/gemini-api/docs/api-key
 */
export const ACCEPTED_AUTH: Record<DriverSurface, readonly AuthStyle[]> = {
  openai: ["bearer", "x-api-key", "x-goog-api-key"],
  responses: ["bearer", "x-api-key", "x-goog-api-key"],
  anthropic: ["bearer", "x-api-key", "x-goog-api-key"],
  gemini: ["bearer", "x-api-key", "x-goog-api-key", "query-key"],
};

/** A request with a key presented in a style (or none, for `key` undefined). */
export function withKey(r: RawRequest, style: AuthStyle, key: string | undefined): RawRequest {
  if (key === undefined) return r;
  if (style === "query-key") return { ...r, query: { ...r.query, key } };
  const header =
    style === "bearer"
      ? { authorization: `Bearer ${key}` }
      : { [style === "x-api-key" ? "x-api-key" : "x-goog-api-key"]: key };
  return { ...r, headers: { ...r.headers, ...header } };
}

/**
 * One row of the conformance table: one operation of one client surface, written as its clients write
 * it. Adding a surface or an operation to Gatehouse is adding a driver; every applicable case then runs
 * against it.
 */
export interface PipelineDriver {
  /** The row's name in test titles, e.g. "openai chat (stream)". */
  name: string;
  surface: DriverSurface;
  operation: OperationName;
  /** Whether the answer is an SSE stream. */
  stream: boolean;
  /** The kind of model it names; undefined for operations without a model (lists). */
  family: ModelFamily | undefined;
  /** The upstream kinds it is run against, the same-protocol one (passthrough) first; [] when local. */
  upstreams: readonly UpstreamKind[];
  /** Whether it sends a body (the pipeline reads one). */
  readsBody: boolean;
  /** A valid request for `model`, without a key. */
  request(model: string): RawRequest;
  /** The same request with another body. */
  withBody(model: string, body: string): RawRequest;
  /** A JSON object whose fields have the wrong types for this operation. */
  wrongTypes(model: string): Record<string, unknown>;
  /** Asserts that a 200 answer is this operation's success, in this surface's shape. */
  expectSuccess(answer: RawAnswer, model: string): void;
}
