import type { Contract } from "@gatehouse/contracts";
import { GatewayError } from "@gatehouse/protocol";

/**
 * What a handler of a non-JSON operation may return: the exact text (a CSV export) or bytes (a PDF) and
 * its media type.
 */
export interface ContractReply {
  contentType: string;
  body: string | Uint8Array;
  /** More response headers (a download's content-disposition). */
  headers?: Record<string, string>;
}

/**
 * What a handler of a non-JSON operation returns to STREAM its answer (a large CSV export): text chunks
 * pulled one at a time as the client reads, so the server holds one chunk, not the whole answer. Once
 * the first chunk is sent the status is final: a failure later cuts the response (the client sees a
 * truncated body and a connection reset), so a handler reads what can fail with a 4xx before returning.
 */
export interface ContractStreamReply {
  contentType: string;
  stream: AsyncIterable<string>;
}

/** An answer ready to send (and to store for idempotent replay, except a streamed one). */
export interface ContractAnswer {
  status: number;
  contentType: string | null;
  /** The exact body (bytes only for a binary export, never stored for replay), or null (204, 302). */
  body: string | Buffer | null;
  /** Where a redirect (302) sends the browser. */
  location?: string;
  /** A streamed body (then `body` is null); never stored for replay. */
  stream?: AsyncIterable<string>;
  /** More response headers, from a ContractReply. */
  headers?: Record<string, string>;
}

const JSON_TYPE = "application/json; charset=utf-8";

function isContractReply(value: unknown): value is ContractReply {
  const v = value as Partial<ContractReply> | null;
  return (
    typeof v === "object" &&
    v !== null &&
    typeof v.contentType === "string" &&
    (typeof v.body === "string" || v.body instanceof Uint8Array)
  );
}

function isStreamReply(value: unknown): value is ContractStreamReply {
  const v = value as Partial<ContractStreamReply> | null;
  return (
    typeof v === "object" &&
    v !== null &&
    typeof v.contentType === "string" &&
    typeof v.stream === "object" &&
    v.stream !== null &&
    Symbol.asyncIterator in v.stream
  );
}

/**
 * A handler's result → the answer the operation sends, through the contract's response schema: fields
 * it does not declare (a password hash, a key's hash, an internal column) are stripped, and a result that
 * does not fit it is our bug — an `internal_error` carrying the mismatch as its cause, never a leak.
 *
 * @example
 * toContractAnswer(getKey, { ...row, keyHash: "…" }); // { status: 200, body: '{"id":…}' } without keyHash
 */
export function toContractAnswer(contract: Contract, result: unknown): ContractAnswer {
  if (contract.status === 204) return { status: 204, contentType: null, body: null };
  if (contract.status === 302) {
    const { location } = checked(contract, result) as { location?: unknown };
    if (typeof location !== "string") throw mismatch(contract, "a redirect without a location");
    return { status: 302, contentType: null, body: null, location };
  }
  if (contract.produces !== undefined) {
    if (isStreamReply(result)) {
      if (contract.idempotent) throw mismatch(contract, "an idempotent operation cannot stream its answer");
      return { status: contract.status, contentType: result.contentType, body: null, stream: result.stream };
    }
    const reply = isContractReply(result) ? result : { contentType: contract.produces, body: result };
    const body = checked(contract, reply.body);
    const headers = "headers" in reply && reply.headers !== undefined ? { headers: reply.headers } : {};
    if (body instanceof Uint8Array) {
      return { status: contract.status, contentType: reply.contentType, body: Buffer.from(body), ...headers };
    }
    if (typeof body !== "string") throw mismatch(contract, "a text answer is not a string");
    return { status: contract.status, contentType: reply.contentType, body, ...headers };
  }
  const value = checked(contract, result);
  return { status: contract.status, contentType: JSON_TYPE, body: JSON.stringify(value) ?? "null" };
}

function checked(contract: Contract, value: unknown): unknown {
  const parsed = contract.response.safeParse(value);
  if (parsed.success) return parsed.data;
  const where = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
  throw mismatch(contract, where);
}

function mismatch(contract: Contract, what: string): GatewayError {
  return new GatewayError(
    "internal_error",
    undefined,
    {},
    {
      cause: new Error(`The answer of ${contract.id} does not match its contract: ${what}`),
    },
  );
}
