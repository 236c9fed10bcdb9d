import { parseJsonObject } from "@gatehouse/protocol";
import { GATEHOUSE_BODY_FIELD } from "../resilience/read-request-overrides.js";

/** A client's JSON body, parsed once, with the Gatehouse settings field taken out of it. */
export interface ClientBody {
  /** The bytes a same-protocol upstream gets: the client's own when the field was absent. */
  raw: Buffer;
  /** The parsed body, without the field. */
  json: Record<string, unknown>;
  /** The `gatehouse` field's value (routing overrides), undefined when absent. */
  field: unknown;
}

/**
 * Parses a client body (a 400 in the caller's protocol for anything but a JSON object, or one nested
 * deeper than the decoders walk: see parseJsonObject) and takes the
 * Gatehouse settings field (`"gatehouse": {...}`) out of it, so that it never reaches an upstream (which
 * would refuse an unknown field, or worse, accept it). The bytes are re-serialised only when the field is
 * there: the passthrough path forwards the client's own bytes.
 *
 * @example
 * const { raw, json, field } = readClientBody(body); // field: { fallbacks: ["m2"] }, raw and json without it
 */
export function readClientBody(body: Buffer): ClientBody {
  const json = parseJsonObject(body);
  if (!Object.hasOwn(json, GATEHOUSE_BODY_FIELD)) return { raw: body, json, field: undefined };
  const { [GATEHOUSE_BODY_FIELD]: field, ...rest } = json;
  return { raw: Buffer.from(JSON.stringify(rest)), json: rest, field };
}

/**
 * The client's body with some top-level fields changed, for a same-protocol upstream: the client's own
 * bytes when nothing changes (the common case: "don't touch the body").
 *
 * @example
 * withFields(body, { model: "gpt-4o-2024-08-06" });
 */
export function withFields(body: ClientBody, changes: Record<string, unknown> | undefined): Buffer | string {
  return changes === undefined ? body.raw : JSON.stringify({ ...body.json, ...changes });
}
