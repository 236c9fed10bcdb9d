import { GatewayError } from "@gatehouse/protocol";

/** better-sqlite3 error codes (https://www.sqlite.org/rescode.html) and PostgreSQL SQLSTATEs
 * (https://www.postgresql.org/docs/current/errcodes-appendix.html) of the two constraint kinds we map. */
const UNIQUE_CODES = new Set(["SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY", "23505"]);
const FOREIGN_KEY_CODES = new Set(["SQLITE_CONSTRAINT_FOREIGNKEY", "23503"]);

function driverCode(error: unknown): unknown {
  return typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
}

/**
 * Turns a driver's constraint violation into a GatewayError, so callers never see driver errors for
 * conditions they cause: a unique violation becomes `conflict` with `conflictMessage`, a foreign key
 * violation `not_found`. Any other error comes back unchanged, for the caller to rethrow.
 *
 * @example
 * try { await insert(); } catch (error) { throw translateConstraintError(error, "name taken"); }
 */
export function translateConstraintError(error: unknown, conflictMessage: string): unknown {
  const code = driverCode(error);
  if (typeof code !== "string") return error;
  if (UNIQUE_CODES.has(code)) return new GatewayError("conflict", conflictMessage, {}, { cause: error });
  if (FOREIGN_KEY_CODES.has(code)) {
    return new GatewayError("not_found", "A resource it refers to does not exist.", {}, { cause: error });
  }
  return error;
}
