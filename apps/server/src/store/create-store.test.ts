import { describe, expect, it } from "vitest";
import { createStore } from "./create-store.js";

describe("createStore", () => {
  it("picks SQLite without a DATABASE_URL and PostgreSQL for postgres:// and postgresql://", async () => {
    const sqlite = createStore({ sqlitePath: ":memory:" });
    expect(sqlite.dialect).toBe("sqlite");
    await sqlite.close();
    for (const url of ["postgres://u@127.0.0.1:1/db", "PostgreSQL://u@127.0.0.1:1/db"]) {
      const store = createStore({ databaseUrl: url });
      expect(store.dialect).toBe("postgres");
      await store.close();
    }
  });

  it("refuses a DATABASE_URL of another kind, and a missing SQLite path", () => {
    expect(() => createStore({ databaseUrl: "mysql://u@h/db" })).toThrow(/postgres:\/\//);
    expect(() => createStore({})).toThrow(/DATABASE_URL or a SQLite path/);
  });

  it("refuses a schema name that would need quoting", () => {
    for (const pgSchema of ["Upper", "a-b", "x; drop table t", ""]) {
      expect(() => createStore({ databaseUrl: "postgres://u@127.0.0.1:1/db", pgSchema })).toThrow(
        /schema name/,
      );
    }
  });

  it("reports an unreachable PostgreSQL as a failed ping, not a hang", async () => {
    const store = createStore({ databaseUrl: "postgres://u@127.0.0.1:1/db" });
    await expect(store.ping()).rejects.toThrow();
    await store.close();
  });
});
