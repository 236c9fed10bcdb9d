import type { Contract } from "@gatehouse/contracts";

/** What a control-plane call sends, before the credential is added. */
export interface OperationRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** JSON text, or an upload's bytes as the caller gave them. */
  body: string | Blob | Uint8Array<ArrayBuffer> | ArrayBuffer | undefined;
  /** The operation answers 302 (SSO start, callback): the caller wants the Location, not the page. */
  redirects?: boolean;
}

/** The parts of a call's input that shape the request. */
export interface RequestParts {
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
  idempotencyKey?: string;
}

/**
 * The request for an operation: the contract's path with each `:param` filled in (percent-encoded), the
 * query as a query string (undefined values left out, arrays repeated), a JSON body (an upload's bytes as
 * they are, typed by the contract's `rawBodyType`), and for operations
 * that accept one an `Idempotency-Key` (the caller's, or a fresh random one).
 *
 * @example
 * buildOperationRequest(getKey, { params: { tenantId: "ten_…", keyId: "key_…" } }, "https://gw.example");
 * // { method: "GET", url: "https://gw.example/api/tenants/ten_…/keys/key_…", headers: {...}, body: undefined }
 */
export function buildOperationRequest(
  contract: Contract,
  parts: RequestParts,
  baseUrl: string,
): OperationRequest {
  const path = contract.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = parts.params?.[name];
    if (typeof value !== "string" || value === "") {
      throw new TypeError(`${contract.id}: params.${name} is required.`);
    }
    return encodeURIComponent(value);
  });
  const headers: Record<string, string> = { accept: contract.produces ?? "application/json" };
  let body: OperationRequest["body"];
  if (parts.body !== undefined && contract.rawBodyType !== undefined) {
    headers["content-type"] = contract.rawBodyType;
    body = uploadBody(contract, parts.body);
  } else if (parts.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(parts.body);
  }
  if (contract.idempotent)
    headers["idempotency-key"] = parts.idempotencyKey ?? globalThis.crypto.randomUUID();
  return {
    method: contract.method,
    url: `${trimSlash(baseUrl)}${path}${queryString(parts.query)}`,
    headers,
    body,
    redirects: contract.status === 302,
  };
}

function uploadBody(contract: Contract, body: unknown): OperationRequest["body"] {
  if (typeof body === "string" || body instanceof ArrayBuffer) return body;
  if (typeof Blob !== "undefined" && body instanceof Blob) return body;
  // fetch takes views of an ArrayBuffer only: a view of a SharedArrayBuffer is copied.
  if (body instanceof Uint8Array)
    return body.buffer instanceof ArrayBuffer ? (body as Uint8Array<ArrayBuffer>) : new Uint8Array(body);
  throw new TypeError(
    `${contract.id}: body must be the file's bytes (Blob, Uint8Array, ArrayBuffer or string).`,
  );
}

function queryString(query: Record<string, unknown> | undefined): string {
  if (query === undefined) return "";
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one !== undefined && one !== null) search.append(name, String(one));
    }
  }
  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}

/** The base URL without its trailing slashes, so `https://gw/` and `https://gw` call the same paths. */
export function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
