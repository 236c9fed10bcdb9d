import type { FaultMode } from "./fault-mode.js";

/** Options every fake upstream accepts. Each can be overridden per request by an `x-fake-*` header. */
export interface FakeUpstreamOptions {
  /** Number of content chunks (words) in a reply; header `x-fake-chunks`. Default 5. */
  chunks?: number;
  /** Delay before each stream event (or before a JSON body), in ms; header `x-fake-delay-ms`. Default 0. */
  chunkDelayMs?: number;
  /** The delay used in mode `slow` instead of `chunkDelayMs`. Default 1000. */
  slowDelayMs?: number;
  /** Stream events sent before a mid-stream fault; header `x-fake-fault-after`. Default 2. */
  faultAfterChunks?: number;
  /** Seconds in the `retry-after` header of a 429 (for providers that send one). Default 1. */
  retryAfterSeconds?: number;
  /** The mode the fake starts in. Default "ok". */
  mode?: FaultMode;
  /** Model ids listed by the models endpoint. Each fake has its own default list. */
  models?: string[];
  /** Clock for `created` timestamps, in ms since the epoch. Default `Date.now`. */
  now?: () => number;
  /** Prompt-cache use every reply reports (Anthropic and Gemini fakes); none by default. */
  promptCache?: FakePromptCache;
}

/**
 * Prompt tokens a fake reports as read from its cache or written to it, on top of the request's own
 * prompt tokens: Anthropic's `cache_read_input_tokens`, `cache_creation_input_tokens` and its
 * `cache_creation` TTL split; Gemini's `cachedContentTokenCount` (inside `promptTokenCount`).
 */
export interface FakePromptCache {
  read?: number;
  write5m?: number;
  write1h?: number;
}

/** The per-request control headers a fake reads (they are recorded like any other header). */
export const FAKE_HEADERS = {
  mode: "x-fake-mode",
  chunks: "x-fake-chunks",
  delayMs: "x-fake-delay-ms",
  faultAfter: "x-fake-fault-after",
} as const;
