import { createRequire } from "node:module";
import { GatewayError } from "@gatehouse/protocol";
import { PostgresDialect } from "kysely";
import type pg from "pg";

// pg is loaded only when a PostgreSQL URL is configured: on the embedded default it would cost ~16 MB of
// resident memory for code that never runs (docs/adr/0001-memory-footprint.md).
const requirePg = () => createRequire(import.meta.url)("pg") as typeof pg;

/** PostgreSQL's type oid of int8 (bigint). */
const INT8_OID = 20;
/** Lower-case identifiers only, so the name means the same quoted (Kysely) and unquoted (search_path). */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Type parsers for this pool only: int8 becomes a Number (times in ms and nano-USD amounts stay far below
 * 2^53), every other type keeps pg's default. Scoped to the pool so that other code using pg in the same
 * process keeps the global parsers. See https://node-postgres.com/features/queries#types.
 */
const int8AsNumber = (types: typeof pg.types): pg.CustomTypesConfig => ({
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8_OID && format !== "binary"
      ? (value: string) => Number(value)
      : types.getTypeParser(oid, format ?? "text")) as pg.CustomTypesConfig["getTypeParser"],
});

/**
 * Whether a name can be used as the store's PostgreSQL schema.
 *
 * @example
 * isValidSchemaName("gatehouse_test_1"); // true
 */
export function isValidSchemaName(name: string): boolean {
  return SCHEMA_NAME.test(name);
}

/**
 * A Kysely dialect over a pg pool. With `schema`, every pooled connection starts with that schema as its
 * search_path (set in the startup packet, so it costs no round trip), which isolates one store, or one
 * test, from the others in the same database. See https://node-postgres.com/apis/pool.
 *
 * @example
 * const db = new Kysely<DB>({ dialect: createPostgresDialect("postgres://localhost/gatehouse") });
 */
export function createPostgresDialect(connectionString: string, schema?: string): PostgresDialect {
  if (schema !== undefined && !isValidSchemaName(schema)) {
    throw new GatewayError(
      "internal_error",
      `Invalid PostgreSQL schema name '${schema}': use lower-case letters, digits and _`,
    );
  }
  const pg = requirePg();
  const pool = new pg.Pool({
    connectionString,
    types: int8AsNumber(pg.types),
    max: 10,
    // A database that does not answer fails the caller after 10 s instead of queueing it forever.
    connectionTimeoutMillis: 10_000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle connection that dies (server restart) emits 'error' on the pool; unhandled, that would crash
  // the process. The pool drops that client, and the next query reports any lasting failure.
  pool.on("error", () => {});
  return new PostgresDialect({ pool });
}
