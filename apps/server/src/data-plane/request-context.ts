import type { IrUsage } from "@gatehouse/protocol";
import type { RequestOverrides } from "../resilience/read-request-overrides.js";
import type { Candidate, Route } from "../routing/model-catalog.js";
import type { ApiKey } from "../store/store-types.js";

/** One upstream attempt, kept in the usage record's attempt chain. */
export interface Attempt {
  /** The public model this attempt served: the requested one, or a fallback model. */
  model?: string;
  provider: string;
  deployment: string;
  status: number | null;
  error?: string;
  ms: number;
}

/**
 * What the pipeline learns about one data-plane request as it goes: who asked, for what, where it went,
 * and how it ended. The request log line and the usage record are both written from it.
 */
export interface RequestContext {
  id: string;
  surface: "openai" | "anthropic" | "gemini";
  method: string;
  url: string;
  startedAt: number;
  stream: boolean;
  key?: ApiKey;
  requestedModel?: string;
  route?: Route;
  candidate?: Candidate;
  /** The route of the candidate: `route`, or the fallback model's route once the request fell back. */
  servedRoute?: Route;
  /** Routing overrides the client sent (x-gatehouse-* headers, the body's `gatehouse` field). */
  overrides?: RequestOverrides;
  attempts: Attempt[];
  /** True once the pending usage record is durable: from then on a final record must follow. */
  recorded: boolean;
  /** HTTP status sent to the client. */
  status: number;
  errorCode?: string;
  errorMessage?: string;
  ttfbMs?: number;
  usage?: IrUsage;
  usageEstimated: boolean;
  /** The stream did not complete (client gone, or upstream cut). */
  interrupted: boolean;
  costNano: number;
}

/** A fresh context for a request. */
export function newRequestContext(
  id: string,
  surface: RequestContext["surface"],
  method: string,
  url: string,
  now: number,
): RequestContext {
  // Every field is present from the start, in one order: contexts then share one hidden class whatever
  // path a request takes, so the hot functions reading them stay monomorphic (measured: after a burst of
  // streams, contexts grown field by field in different orders left non-streaming requests ~70% dearer).
  return {
    id,
    surface,
    method,
    url,
    startedAt: now,
    stream: false,
    key: undefined,
    requestedModel: undefined,
    route: undefined,
    candidate: undefined,
    servedRoute: undefined,
    overrides: undefined,
    attempts: [],
    recorded: false,
    status: 200,
    errorCode: undefined,
    errorMessage: undefined,
    ttfbMs: undefined,
    usage: undefined,
    usageEstimated: false,
    interrupted: false,
    costNano: 0,
  };
}
