import { GatewayError } from "@gatehouse/protocol";
import type { Store } from "../store/store.js";
import { hashApiKey, isWellFormedApiKey } from "./api-key-format.js";
import { compileKeyGrant, type KeyGrant } from "./key-grant.js";

interface CacheEntry {
  grant: KeyGrant | undefined;
  until: number;
}

export interface KeyResolverOptions {
  now: () => number;
  /** How long a found key stays cached; revocations elsewhere also clear the cache (revision watch). */
  ttlMs?: number;
  /** How long an unknown (but well-formed) key stays cached as unknown. */
  negativeTtlMs?: number;
  /** Above this many entries the cache starts over, bounding memory under key-guessing traffic. */
  maxEntries?: number;
}

/**
 * Turns a presented API key into its record: shape and checksum first (no lookup for junk), then an
 * in-memory cache by SHA-256, then the store. Revoked and expired keys are refused on every request,
 * cached or not, because the check runs against the clock each time.
 */
export class KeyResolver {
  private readonly cache = new Map<string, CacheEntry>();
  /**
   * The cached hashes of each tenant's keys, so a change in one tenant drops only its keys; unknown
   * hashes under {@link UNKNOWN} (no tenant id is empty).
   */
  private readonly byTenant = new Map<string, Set<string>>();
  private readonly ttlMs: number;
  private readonly negativeTtlMs: number;
  private readonly maxEntries: number;

  constructor(
    private readonly store: Store,
    private readonly options: KeyResolverOptions,
  ) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.negativeTtlMs = options.negativeTtlMs ?? 5_000;
    this.maxEntries = options.maxEntries ?? 100_000;
  }

  /** Resolves a presented key with what it may do (models, addresses), or throws a 401 GatewayError. */
  async grant(presented: string | undefined): Promise<KeyGrant> {
    if (presented === undefined || presented === "") throw new GatewayError("missing_api_key", MISSING);
    if (!isWellFormedApiKey(presented)) throw new GatewayError("invalid_api_key", "Invalid API key.");
    const hash = hashApiKey(presented);
    const now = this.options.now();
    let entry = this.cache.get(hash);
    if (entry === undefined || entry.until <= now) entry = await this.load(hash, now);
    const grant = entry.grant;
    if (grant === undefined) throw new GatewayError("invalid_api_key", "Invalid API key.");
    const key = grant.key;
    if (key.revokedAt !== null) throw new GatewayError("revoked_api_key", "This API key has been revoked.");
    if (key.expiresAt !== null && key.expiresAt <= now) {
      throw new GatewayError("expired_api_key", "This API key has expired.");
    }
    return grant;
  }

  /** Forgets every cached key (a full rebuild). */
  clear(): void {
    this.cache.clear();
    this.byTenant.clear();
  }

  /**
   * Forgets one tenant's cached keys and every cached "unknown key" answer (a key just created there may
   * have been presented before it existed); other tenants' keys stay cached. Called when the tenant's
   * `keys` scope changes, here or on another instance.
   */
  forgetTenant(tenantId: string): void {
    for (const owner of [tenantId, UNKNOWN]) {
      for (const hash of this.byTenant.get(owner) ?? []) this.cache.delete(hash);
      this.byTenant.delete(owner);
    }
  }

  private async load(hash: string, now: number): Promise<CacheEntry> {
    const key = await this.store.apiKeys.findByHash(hash);
    // The workspace's allow-list applies to every key in it; read with the key, cached with it.
    const workspace = key && (await this.store.forTenant(key.tenantId).workspaces.get(key.workspaceId));
    const grant = key && compileKeyGrant(key, workspace?.allowedModels ?? null);
    const entry = { grant, until: now + (key ? this.ttlMs : this.negativeTtlMs) };
    if (this.cache.size >= this.maxEntries) this.clear();
    this.cache.set(hash, entry);
    const owner = key ? key.tenantId : UNKNOWN;
    const hashes = this.byTenant.get(owner) ?? new Set<string>();
    hashes.add(hash);
    this.byTenant.set(owner, hashes);
    return entry;
  }
}

/** Where unknown hashes are indexed in `byTenant`. */
const UNKNOWN = "";

const MISSING =
  "You didn't provide an API key. Send it in the Authorization header as 'Bearer YOUR_KEY' (or x-api-key).";
