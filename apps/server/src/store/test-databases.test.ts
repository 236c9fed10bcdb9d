import pg from "pg";
import { describe, expect, it } from "vitest";
import { createTestSchema, DEFAULT_TEST_DATABASE_URL, findTestPostgres } from "./test-databases.js";

/** A port nothing listens on, so the probe fails at once with ECONNREFUSED. */
const DEAD_URL = "postgres://postgres:hunter2@127.0.0.1:1/test";

const postgres = await findTestPostgres();

describe("findTestPostgres", () => {
  it("defaults to the local test database", async () => {
    const found = await findTestPostgres({});
    expect(found.url).toBe(DEFAULT_TEST_DATABASE_URL);
  });

  it("reports an unreachable server as unavailable, without its password", async () => {
    const found = await findTestPostgres({ DATABASE_URL: DEAD_URL });
    expect(found.available).toBe(false);
    if (!found.available) {
      expect(found.reason).toMatch(/unreachable/);
      expect(found.reason).not.toContain("hunter2");
    }
  });

  it("fails loudly when REQUIRE_SERVICES=1 and the server is unreachable", async () => {
    await expect(findTestPostgres({ DATABASE_URL: DEAD_URL, REQUIRE_SERVICES: "1" })).rejects.toThrow(
      /REQUIRE_SERVICES=1 requires it/,
    );
  });
});

describe.skipIf(!postgres.available)("createTestSchema", () => {
  it("creates a schema of its own and drops it with its tables", async () => {
    const exists = async (schema: string) => {
      const client = new pg.Client({ connectionString: postgres.url });
      await client.connect();
      try {
        const result = await client.query("select 1 from pg_namespace where nspname = $1", [schema]);
        return result.rowCount === 1;
      } finally {
        await client.end();
      }
    };
    const a = await createTestSchema(postgres.url);
    const b = await createTestSchema(postgres.url);
    expect(a.schema).not.toBe(b.schema);
    expect(await exists(a.schema)).toBe(true);
    await a.drop();
    await b.drop();
    expect(await exists(a.schema)).toBe(false);
  });
});
