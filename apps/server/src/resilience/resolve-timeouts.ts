/** The four clocks of one upstream attempt, in milliseconds. */
export interface UpstreamTimeouts {
  /** To open the TCP/TLS connection. */
  connectMs: number;
  /** From sending the request to the response headers (for a non-streamed answer, the whole generation). */
  firstByteMs: number;
  /** Between two chunks of a streamed body: a stalled stream is cut even if the total is far away. */
  idleMs: number;
  /**
   * The whole request: every attempt, retry and fallback, and the streamed answer to its last byte (the
   * data plane turns it into one deadline per request: 504 before the first byte, an in-stream error after).
   */
  totalMs: number;
}

export type TimeoutOverrides = Partial<UpstreamTimeouts>;

/** Hard limits for any layer: below them nothing useful completes; above them a request ties up a socket. */
export const TIMEOUT_BOUNDS: Readonly<Record<keyof UpstreamTimeouts, { min: number; max: number }>> =
  Object.freeze({
    connectMs: { min: 100, max: 600_000 },
    firstByteMs: { min: 100, max: 3_600_000 },
    idleMs: { min: 100, max: 3_600_000 },
    totalMs: { min: 100, max: 3_600_000 },
  });

/** The global defaults, the same as the server configuration's (GATEHOUSE_*_TIMEOUT_MS), plus a total. */
export const DEFAULT_UPSTREAM_TIMEOUTS: Readonly<UpstreamTimeouts> = Object.freeze({
  connectMs: 5_000,
  firstByteMs: 120_000,
  idleMs: 120_000,
  // The OpenAI and Anthropic SDKs give a request 10 minutes; a gateway in front should not cut sooner.
  // https://github.com/anthropics/anthropic-sdk-typescript#timeouts
  // https://github.com/openai/openai-node#timeouts
  totalMs: 600_000,
});

/** The layers, lowest precedence first; every one optional. */
export interface TimeoutLayers {
  /** The server's configured defaults; {@link DEFAULT_UPSTREAM_TIMEOUTS} where absent. */
  global?: TimeoutOverrides;
  /**
   * The defaults of the provider's kind, where it differs from the global ones (`defaultTimeouts` of its
   * ProviderAdapter: Ollama's slow first byte after a model load, for one).
   */
  provider?: TimeoutOverrides;
  model?: TimeoutOverrides;
  /** From the client (header or body), already parsed with `parseTimeoutOverride`. */
  request?: TimeoutOverrides;
  /**
   * Whether a client may lengthen a timeout beyond what the operator configured (within the bounds).
   * Off by default: a client may ask to give up sooner, but the operator decides how long sockets are held.
   */
  requestMayRaise?: boolean;
}

const KEYS = ["connectMs", "firstByteMs", "idleMs", "totalMs"] as const;

/**
 * The effective timeouts of one attempt: global < provider kind < model < request, each value clamped to
 * {@link TIMEOUT_BOUNDS}, then made consistent (connect ≤ first byte ≤ total, idle ≤ total) because a
 * longer inner clock than its outer one could never fire. Frozen, so it can be shared and cached (without
 * a request layer the result depends only on the provider's kind and the model: compute it once per snapshot).
 *
 * @example
 * const provider = adapterFor(target.kind).defaultTimeouts; // Ollama: { connectMs: 2000, firstByteMs: 300000 }
 * resolveTimeouts({ global: config.timeouts, provider, request: { totalMs: 30_000 } });
 * // { connectMs: 2000, firstByteMs: 30000, idleMs: 30000, totalMs: 30000 }
 */
export function resolveTimeouts(layers: TimeoutLayers): Readonly<UpstreamTimeouts> {
  const t: UpstreamTimeouts = { ...DEFAULT_UPSTREAM_TIMEOUTS };
  for (const layer of [layers.global, layers.provider, layers.model]) {
    if (layer === undefined) continue;
    for (const k of KEYS) {
      const v = layer[k];
      if (isUsable(v)) t[k] = v;
    }
  }
  const request = layers.request;
  if (request !== undefined) {
    for (const k of KEYS) {
      const v = request[k];
      if (isUsable(v)) t[k] = layers.requestMayRaise ? v : Math.min(t[k], v);
    }
  }
  for (const k of KEYS) t[k] = Math.min(TIMEOUT_BOUNDS[k].max, Math.max(TIMEOUT_BOUNDS[k].min, t[k]));
  t.firstByteMs = Math.min(t.firstByteMs, t.totalMs);
  t.connectMs = Math.min(t.connectMs, t.firstByteMs);
  t.idleMs = Math.min(t.idleMs, t.totalMs);
  return Object.freeze(t);
}

function isUsable(v: number | undefined): v is number {
  return typeof v === "number" && Number.isFinite(v);
}
