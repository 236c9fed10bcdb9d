/** How long a stored answer replays: a client retrying within a day gets the first result. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** A successful answer kept for replay, and the fingerprint of the request that produced it. */
export interface StoredReply {
  /** sha256 of the canonical JSON of the request's params and body. */
  fingerprint: string;
  status: number;
  contentType: string | null;
  /** The exact body sent, or null for 204. */
  body: string | null;
}

/**
 * Where answers to `Idempotency-Key` requests are kept. `begin`/`end` mark a key in flight on this
 * instance, so a concurrent duplicate is refused instead of executed twice.
 */
export interface IdempotencyCache {
  get(key: string): Promise<StoredReply | undefined>;
  put(key: string, stored: StoredReply, ttlMs: number): Promise<void>;
  /** Marks the key in flight; false when it already is. */
  begin(key: string): boolean;
  end(key: string): void;
}

export interface MemoryIdempotencyCacheOptions {
  now: () => number;
  /** The most answers kept; the oldest go first (10,000 by default). */
  maxEntries?: number;
}

/**
 * An in-memory IdempotencyCache for one instance: bounded (oldest entries evicted first), each entry
 * expiring after the TTL it was put with.
 *
 * @example
 * const cache = createMemoryIdempotencyCache({ now: Date.now });
 * await cache.put("user:usr_1:keys.create:abc", stored, IDEMPOTENCY_TTL_MS);
 */
export function createMemoryIdempotencyCache(options: MemoryIdempotencyCacheOptions): IdempotencyCache {
  const maxEntries = options.maxEntries ?? 10_000;
  // A Map iterates in insertion order: re-inserting on put keeps the first entry the oldest.
  const entries = new Map<string, { stored: StoredReply; expiresAt: number }>();
  const inFlight = new Set<string>();
  return {
    async get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      if (entry.expiresAt <= options.now()) {
        entries.delete(key);
        return undefined;
      }
      return entry.stored;
    },
    async put(key, stored, ttlMs) {
      entries.delete(key);
      entries.set(key, { stored, expiresAt: options.now() + ttlMs });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value as string;
        entries.delete(oldest);
      }
    },
    begin(key) {
      if (inFlight.has(key)) return false;
      inFlight.add(key);
      return true;
    },
    end(key) {
      inFlight.delete(key);
    },
  };
}
