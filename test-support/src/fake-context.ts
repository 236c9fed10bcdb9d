import type { IncomingMessage, ServerResponse } from "node:http";
import type { FakePromptCache } from "./fake-upstream-options.js";
import type { RecordedRequest } from "./recorded-request.js";
import type { RequestControl } from "./request-control.js";

/** What a fake's handler gets for one request. */
export interface FakeContext {
  req: IncomingMessage;
  res: ServerResponse;
  /** The request as recorded (body already read). */
  record: RecordedRequest;
  control: RequestControl;
  /** Aborted when the response closes (client gone, or the fake closing). */
  signal: AbortSignal;
  /** 1-based number of this request on this fake; used for deterministic ids. */
  seq: number;
  /** The fake's clock, in ms since the epoch. */
  now: () => number;
  /** The prompt-cache use replies report (FakeUpstreamOptions.promptCache). */
  promptCache: FakePromptCache | undefined;
  /**
   * Answers with the provider's error body for `status` (its default message unless one is given;
   * `details` are provider-specific fields such as OpenAI's `param` and `code`).
   */
  fail: (status: number, message?: string, details?: Record<string, unknown>) => void;
}

/** An error response in a provider's wire format. */
export interface FakeErrorResponse {
  status: number;
  headers?: Record<string, string>;
  body: string;
}
