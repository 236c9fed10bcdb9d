import type { SealedSecret } from "../../domain/sealed-secret.js";

/**
 * A tenant's OpenID Connect settings as stored (migration 0004). The store keeps the client secret only
 * sealed (the caller seals it) with its last four characters for display; `mapping` is the JSON the
 * caller validated, given back as stored (the caller parses it again on read).
 */
export interface SsoConfigRecord {
  tenantId: string;
  issuer: string;
  clientId: string;
  clientSecretSealed: SealedSecret;
  clientSecretLastFour: string;
  extraScopes: string[];
  mapping: unknown;
  allowedDomains: string[];
  jitProvisioning: boolean;
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
}

export type SsoConfigInput = Omit<SsoConfigRecord, "tenantId" | "createdAt" | "updatedAt">;

/** A single sign-on login under way, as `consume` hands it back (once). */
export interface SsoLoginState {
  id: string;
  tenantId: string;
  /** Sealed `{ nonce, codeVerifier }`. */
  secretsSealed: SealedSecret;
  /** The console path to land on afterwards, already checked. */
  redirectPath: string | null;
  createdAt: number;
  expiresAt: number;
}

/** The tenant's single sign-on settings (`store.forTenant(id).sso`). */
export interface TenantSsoRepo {
  get(): Promise<SsoConfigRecord | undefined>;
  /** Creates or replaces the settings (the creation time stays); `not_found` when the tenant is gone. */
  put(input: SsoConfigInput): Promise<SsoConfigRecord>;
  remove(): Promise<boolean>;
}

/** Starting logins (`store.forTenant(id).ssoLogins`). */
export interface TenantSsoLoginsRepo {
  /** Records a login under way; expired ones of the tenant are swept at the same time. */
  create(input: {
    stateHash: string;
    secretsSealed: SealedSecret;
    redirectPath: string | null;
    expiresAt: number;
  }): Promise<void>;
  /** The tenant's logins not yet expired (finished ones included: they hold a row until they expire). */
  countLive(): Promise<number>;
}

/** Finishing logins (`store.accounts.ssoLogins`): the callback knows only the state, not the tenant. */
export interface SsoLoginsRepo {
  /** The login whose state hashes to `stateHash`, once: unused and unexpired, and marked used by this
   * call (two callers racing on one state: exactly one gets it). */
  consume(stateHash: string): Promise<SsoLoginState | undefined>;
  /** Deletes every tenant's expired logins (a tenant whose logins stopped keeps no rows); answers how many. */
  sweepExpired(): Promise<number>;
}
