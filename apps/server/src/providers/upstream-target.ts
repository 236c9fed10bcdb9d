import type { Dispatcher } from "undici";
import type { ProviderKind } from "../domain/provider.js";

/** Secrets a provider needs, sealed at rest; opened only into the in-memory routing snapshot. */
export interface ProviderCredentials {
  apiKey?: string;
  /** AWS (Bedrock). */
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  /** Google Cloud (Vertex AI): the service account's JSON key file, as text. */
  serviceAccountJson?: string;
}

/** What a target's request-time auth may use: the upstream dispatcher and the clock. */
export interface AuthContext {
  upstream: Dispatcher;
  now: number;
}

/**
 * Auth headers that must be fetched, not computed (an OAuth access token): state lives in the object,
 * one per target, so a token is cached for as long as the routing snapshot that holds it.
 */
export interface TargetAuth {
  headers(ctx: AuthContext): Promise<Record<string, string>>;
}

/**
 * Everything the forwarder needs to reach one provider, computed once per snapshot, not per request:
 * the connection origin, the base path, and the header set (credentials included). Never logged.
 */
export interface UpstreamTarget {
  id: string;
  name: string;
  kind: ProviderKind;
  /** scheme://host:port, the key of the connection pool. */
  origin: string;
  /** The path prefix of the API, without a trailing slash (e.g. "/v1"). */
  basePath: string;
  /** Headers sent on every upstream request (auth, content type). */
  headers: Record<string, string>;
  /** Opened credentials, for adapters that sign each request (Bedrock SigV4). */
  credentials: ProviderCredentials;
  /** Non-secret provider settings (region, api-version, ...). */
  config: Record<string, unknown>;
  /** Headers fetched per request (merged over the adapter's), for providers with expiring tokens. */
  auth?: TargetAuth;
  /**
   * The dispatcher to reach it through, when not the gateway's default: tenant-registered providers get
   * one that refuses private addresses at connect time.
   */
  dispatcher?: Dispatcher;
}

/** Splits a provider base URL into origin and base path. */
export function splitBaseUrl(baseUrl: string): { origin: string; basePath: string } {
  const u = new URL(baseUrl);
  return { origin: u.origin, basePath: u.pathname.replace(/\/+$/, "") };
}
