import type { ProviderKind } from "../store/store-types.js";

/** Secrets a provider needs, sealed at rest; opened only into the in-memory routing snapshot. */
export interface ProviderCredentials {
  apiKey?: string;
  /** AWS (Bedrock). */
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
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
}

/** Splits a provider base URL into origin and base path. */
export function splitBaseUrl(baseUrl: string): { origin: string; basePath: string } {
  const u = new URL(baseUrl);
  return { origin: u.origin, basePath: u.pathname.replace(/\/+$/, "") };
}
