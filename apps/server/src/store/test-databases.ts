import { randomBytes } from "node:crypto";
import pg from "pg";

/** The PostgreSQL that tests use unless DATABASE_URL names another (trust auth on this machine). */
export const DEFAULT_TEST_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/test";

/** Whether PostgreSQL can be used by this test run, and where; `reason` says why not. */
export type TestPostgres =
  | { available: true; url: string }
  | { available: false; url: string; reason: string };

/** A schema of its own for one test or suite; `drop` removes it with everything in it. */
export interface TestSchema {
  url: string;
  schema: string;
  drop(): Promise<void>;
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * Probes the test PostgreSQL (DATABASE_URL, else {@link DEFAULT_TEST_DATABASE_URL}) once. Unreachable means
 * "skip the PostgreSQL tests", unless REQUIRE_SERVICES=1 (CI), where it throws so the test file fails
 * loudly instead of passing on SQLite alone. Call it at the top of a test file and use `describe.skipIf`.
 *
 * @example
 * const postgres = await findTestPostgres();
 * describe.skipIf(!postgres.available)("on PostgreSQL", () => { ... });
 */
export async function findTestPostgres(env: NodeJS.ProcessEnv = process.env): Promise<TestPostgres> {
  const url = env.DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
  try {
    await withClient(url, (client) => client.query("select 1"));
    return { available: true, url };
  } catch (error) {
    const reason = `PostgreSQL at ${redactUrl(url)} is unreachable: ${(error as Error).message}`;
    if (env.REQUIRE_SERVICES === "1") {
      throw new Error(
        `${reason}. REQUIRE_SERVICES=1 requires it; start PostgreSQL or unset REQUIRE_SERVICES.`,
      );
    }
    return { available: false, url, reason };
  }
}

/**
 * Creates a schema with a random name (so concurrent test files never share tables) and returns it with
 * a `drop` that removes it CASCADE. Pass the schema to `createStore({ pgSchema })`. With
 * `{ create: false }` only the name is reserved, to test a store that creates its schema itself.
 *
 * @example
 * const { schema, drop } = await createTestSchema(postgres.url);
 * const store = createStore({ databaseUrl: postgres.url, pgSchema: schema });
 */
export async function createTestSchema(url: string, options: { create?: boolean } = {}): Promise<TestSchema> {
  const schema = `gh_test_${randomBytes(6).toString("hex")}`;
  if (options.create !== false) await withClient(url, (client) => client.query(`create schema "${schema}"`));
  return {
    url,
    schema,
    drop: () =>
      withClient(url, (client) => client.query(`drop schema if exists "${schema}" cascade`)).then(() => {}),
  };
}

/** The URL without its password, for messages. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}
