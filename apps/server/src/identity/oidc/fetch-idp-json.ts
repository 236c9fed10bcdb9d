import { GatewayError } from "@gatehouse/protocol";
import { type Dispatcher, fetch as undiciFetch } from "undici";

/** How the SSO client talks to the identity provider; every field has a safe default. */
export interface IdpFetchOptions {
  /** The fetch to use (tests wrap it); the global fetch by default. */
  fetch?: typeof fetch;
  /**
   * The connections to use: the server passes an SSRF-guarded one, so a tenant's issuer cannot make the
   * server fetch an internal address. Ignored when `fetch` is given.
   */
  dispatcher?: Dispatcher;
  /** Time for the whole exchange, headers and body. Default 10 s. */
  timeoutMs?: number;
  /** Largest body accepted. Default 256 KiB: discovery documents and token answers are a few KiB. */
  maxBytes?: number;
}

/** A JSON answer of the identity provider, whatever its status. */
export interface IdpJsonResponse {
  status: number;
  body: unknown;
  /** The answer's headers (Cache-Control decides how long a JWKS is kept). */
  headers: Headers;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_BYTES = 256 * 1024;

/**
 * Fetches a JSON document from the identity provider within a time and size bound, so a slow or
 * hostile provider can hold neither a login request nor memory. Failures become GatewayErrors naming
 * `what` was fetched (never the request body, which may carry a code or a secret).
 *
 * @example
 * const { status, body } = await fetchIdpJson(new URL(wellKnown), { method: "GET" }, "discovery document");
 */
export async function fetchIdpJson(
  url: URL,
  init: RequestInit,
  what: string,
  options: IdpFetchOptions = {},
): Promise<IdpJsonResponse> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const doFetch = options.fetch ?? fetchThrough(options.dispatcher);
  try {
    const response = await doFetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const text = await readBounded(response, maxBytes, what);
    try {
      return { status: response.status, body: JSON.parse(text) as unknown, headers: response.headers };
    } catch {
      throw new GatewayError(
        "upstream_error",
        `The identity provider's ${what} did not answer JSON (HTTP ${response.status}).`,
      );
    }
  } catch (error) {
    throw classify(error, what, url, timeoutMs);
  }
}

function fetchThrough(dispatcher: Dispatcher | undefined): typeof fetch {
  if (dispatcher === undefined) return fetch;
  // undici's own fetch: the dispatcher must be of the same undici as the fetch that uses it.
  return ((url: URL, init: RequestInit) =>
    undiciFetch(url, { ...(init as object), dispatcher })) as unknown as typeof fetch;
}

async function readBounded(response: Response, maxBytes: number, what: string): Promise<string> {
  const tooLarge = () =>
    new GatewayError("upstream_error", `The identity provider's ${what} is larger than ${maxBytes} bytes.`);
  if (Number(response.headers.get("content-length") ?? 0) > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (response.body === null) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function classify(error: unknown, what: string, url: URL, timeoutMs: number): GatewayError {
  if (error instanceof GatewayError) return error;
  const name = error instanceof Error ? error.name : "";
  if (name === "TimeoutError" || name === "AbortError") {
    return new GatewayError(
      "upstream_timeout",
      `The identity provider's ${what} (${url.origin}) did not answer within ${timeoutMs} ms.`,
      {},
      { cause: error },
    );
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const reason = (cause as { code?: unknown }).code ?? (cause instanceof Error ? cause.message : "unknown");
  return new GatewayError(
    "upstream_unreachable",
    `The identity provider's ${what} (${url.origin}) could not be reached: ${String(reason)}.`,
    {},
    { cause: error },
  );
}
