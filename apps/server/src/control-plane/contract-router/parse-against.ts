import type { z } from "zod";
import type { ApiIssue } from "./api-error-body.js";

/** A value checked against a schema: its parsed output, or the issues, each path prefixed by where. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: ApiIssue[] };

/**
 * Checks a part of the request (`params`, `query`, `body`) against its schema; object schemas drop
 * fields they do not declare, so nothing mass-assigned reaches a handler.
 *
 * @example
 * parseAgainst(z.object({ name: z.string() }), {}, "body");
 * // { ok: false, issues: [{ path: "body.name", message: "Invalid input: expected string, received undefined" }] }
 */
export function parseAgainst<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: "params" | "query" | "body",
): Parsed<z.output<S>> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({
      path: [where, ...issue.path.map(String)].join("."),
      message: issue.message,
    })),
  };
}
