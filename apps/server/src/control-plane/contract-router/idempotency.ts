import { createHash } from "node:crypto";
import { GatewayError } from "@gatehouse/protocol";

/** Printable ASCII, 1 to 200 characters: what an `Idempotency-Key` header may hold. */
const KEY_PATTERN = /^[\x20-\x7e]{1,200}$/;

/**
 * The `Idempotency-Key` header of a request, checked: undefined when absent, a 400 when it is empty,
 * longer than 200 characters or not printable ASCII.
 *
 * @example
 * idempotencyKeyOf({ "idempotency-key": "create-ci-key-1" }); // "create-ci-key-1"
 */
export function idempotencyKeyOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  const raw = headers["idempotency-key"];
  if (raw === undefined) return undefined;
  const value = Array.isArray(raw) ? raw.join(", ") : raw;
  if (!KEY_PATTERN.test(value)) {
    throw new GatewayError(
      "invalid_request",
      "The Idempotency-Key header must be 1 to 200 printable ASCII characters.",
      { param: "Idempotency-Key" },
    );
  }
  return value;
}

/**
 * The fingerprint of a request for idempotency: sha256 (hex) of the canonical JSON of its parsed params
 * and body, so the same request with its fields in another order matches, and any other request does not.
 *
 * @example
 * requestFingerprint({ tenantId: "ten_1" }, { b: 1, a: 2 }) === requestFingerprint({ tenantId: "ten_1" }, { a: 2, b: 1 }); // true
 */
export function requestFingerprint(params: unknown, body: unknown): string {
  return createHash("sha256")
    .update(canonicalJson({ params, body: body ?? null }))
    .digest("hex");
}

/** JSON with every object's keys sorted, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === "object" && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
