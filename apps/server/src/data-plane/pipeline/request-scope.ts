import type { CaptureTap } from "../../capture/capture-tap.js";
import type { Principal } from "../../domain/principal.js";
import type { RequestOverrides } from "../../resilience/read-request-overrides.js";
import type { ModelCatalog, Route } from "../../routing/model-catalog.js";
import type { RequestEstimate } from "../operation.js";
import type { Attempt } from "./attempt.js";

/** The client protocols Gatehouse answers in. */
export type SurfaceName = "openai" | "anthropic" | "gemini" | "responses";

/** What a data-plane request asks for. */
export type OperationName = "chat" | "embeddings" | "count_tokens" | "models" | "stored_responses";

/** What is known of a request from its first byte: enough for a log line whatever happens next. */
export interface RequestHead {
  readonly id: string;
  readonly surface: SurfaceName;
  readonly operation: OperationName;
  readonly method: string;
  readonly url: string;
  readonly startedAt: number;
}

/**
 * One data-plane request once it is authenticated, decoded and authorized: built once, read by every
 * later step (admit, route, forward, relay, meter). It holds the catalog snapshot taken at the start, so a
 * configuration change mid-request never mixes two snapshots. The attempt chain is the one part that
 * grows: forward appends each upstream attempt to it.
 */
export interface RequestScope extends RequestHead {
  readonly principal: Principal;
  readonly catalog: ModelCatalog;
  /** The model the client asked for, as it named it; undefined for operations without one (model lists). */
  readonly requestedModel: string | undefined;
  /** The requested model's route; undefined for operations without a model. */
  readonly route: Route | undefined;
  readonly stream: boolean;
  /** What the request may use at most (prompt tokens, its output cap), for the admit step's reservations. */
  readonly estimate: RequestEstimate;
  /** The prompt's text on demand, for a tokenizer count when the upstream reports no usage (chat). */
  readonly promptText?: () => string;
  /** Routing choices the client made (x-gatehouse-* headers, the body's `gatehouse` field). */
  readonly overrides: RequestOverrides | undefined;
  readonly attempts: Attempt[];
  /** Set only when the tenant turned prompt capture on: the relays hand it what the client is sent. */
  readonly capture?: CaptureTap | undefined;
}
