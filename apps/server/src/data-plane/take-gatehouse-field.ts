import { GATEHOUSE_BODY_FIELD } from "../resilience/read-request-overrides.js";

/** A request body with the `gatehouse` field taken out, and the field's value. */
export interface WithoutGatehouseField {
  /** The bytes to forward: the client's own when the field was absent, re-serialised otherwise. */
  raw: Buffer;
  /** The parsed body without the field (as given when the field was absent). */
  body: Record<string, unknown> | undefined;
  /** The field's value, undefined when absent. */
  field: unknown;
}

const NEEDLE = Buffer.from(`"${GATEHOUSE_BODY_FIELD}"`);

/**
 * Takes the Gatehouse settings field (`"gatehouse": {...}`) out of a client's JSON body, so that it never
 * reaches an upstream (which would refuse an unknown field, or worse, accept it). The passthrough path
 * forwards the client's bytes, so they are re-serialised only when the field is there: a byte search
 * decides, and only a body that mentions the word is parsed (when `body` was not parsed already).
 *
 * @example
 * const { raw, field } = takeGatehouseField(req.body); // field: { fallbacks: ["m2"] }, raw without it
 */
export function takeGatehouseField(raw: Buffer, body?: Record<string, unknown>): WithoutGatehouseField {
  if (!raw.includes(NEEDLE)) return { raw, body, field: undefined };
  const parsed = body ?? parseObject(raw);
  if (parsed === undefined || !Object.hasOwn(parsed, GATEHOUSE_BODY_FIELD)) {
    return { raw, body, field: undefined };
  }
  const { [GATEHOUSE_BODY_FIELD]: field, ...rest } = parsed;
  return { raw: Buffer.from(JSON.stringify(rest)), body: rest, field };
}

/** The body as an object; undefined for anything else (the surface's decoder has refused those already). */
function parseObject(raw: Buffer): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(raw.toString("utf8"));
    return typeof v === "object" && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
