import { GatewayError } from "@gatehouse/protocol";
import type { FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { canonicalJson, requestFingerprint } from "./idempotency.js";
import { registerContract } from "./register-contract.js";
import { AS, bareApp, createThing, fakeDeps, TENANT, THING, WORKSPACE } from "./testing/contract-test-app.js";

const url = `/api/tenants/${TENANT}/workspaces/${WORKSPACE}/things`;

let app: FastifyInstance;
let runs: number;
let gate: Promise<void> | undefined;
let failNext: boolean;

beforeEach(() => {
  ({ app } = bareApp());
  runs = 0;
  gate = undefined;
  failNext = false;
  registerContract(
    app,
    createThing,
    async ({ body }) => {
      runs++;
      await gate;
      if (failNext) {
        failNext = false;
        throw new GatewayError("conflict", "A thing with this name exists.");
      }
      return { id: THING, name: `${body.name} #${runs}`, size: body.size ?? null };
    },
    fakeDeps().deps,
  );
});

afterEach(async () => {
  await app.close();
});

function create(payload: unknown, key?: string, who: Record<string, string> = AS.user) {
  return app.inject({
    method: "POST",
    url,
    headers: {
      ...who,
      "content-type": "application/json",
      ...(key === undefined ? {} : { "idempotency-key": key }),
    },
    payload: JSON.stringify(payload),
  });
}

describe("Idempotency-Key", () => {
  it("replays the first answer, byte for byte, with idempotent-replayed", async () => {
    const first = await create({ name: "a", size: 1 }, "k-1");
    const again = await create({ size: 1, name: "a", extra: "ignored" }, "k-1");
    expect(first.statusCode).toBe(201);
    expect([again.statusCode, again.body]).toEqual([201, first.body]);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.headers["content-type"]).toBe(first.headers["content-type"]);
    expect(first.headers["idempotent-replayed"]).toBeUndefined();
    expect(runs).toBe(1);
  });

  it("refuses the same key with a different request with 409", async () => {
    await create({ name: "a" }, "k-2");
    const other = await create({ name: "b" }, "k-2");
    expect(other.statusCode).toBe(409);
    expect(other.json().error).toMatchObject({
      code: "conflict",
      message: "Idempotency-Key reused with a different request",
    });
    expect(runs).toBe(1);
  });

  it("runs every request without a key", async () => {
    const a = await create({ name: "a" });
    const b = await create({ name: "a" });
    expect(a.json().name).toBe("a #1");
    expect(b.json().name).toBe("a #2");
  });

  it("refuses a duplicate while the first is still running", async () => {
    let open!: () => void;
    gate = new Promise((resolve) => {
      open = resolve;
    });
    const first = create({ name: "a" }, "k-3");
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await create({ name: "a" }, "k-3");
    open();
    expect([(await first).statusCode, second.statusCode]).toEqual([201, 409]);
    expect(second.json().error.message).toContain("still in progress");
    const third = await create({ name: "a" }, "k-3");
    expect(third.headers["idempotent-replayed"]).toBe("true");
  });

  it("stores only successes, and keeps callers apart", async () => {
    failNext = true;
    expect((await create({ name: "a" }, "k-4")).statusCode).toBe(409);
    expect((await create({ name: "a" }, "k-4")).statusCode).toBe(201);
    const other = await create({ name: "a" }, "k-4", AS.key);
    expect(other.headers["idempotent-replayed"]).toBeUndefined();
    expect(runs).toBe(3);
  });

  it("refuses a key that is empty, too long or not printable ASCII", async () => {
    for (const key of ["", "x".repeat(201), "clé", "a\tb"]) {
      const res = await create({ name: "a" }, key);
      expect(res.statusCode, JSON.stringify(key)).toBe(400);
    }
    expect((await create({ name: "a" }, "x".repeat(200))).statusCode).toBe(201);
    expect(runs).toBe(1);
  });
});

describe("requestFingerprint", () => {
  it("ignores key order and tells different requests apart", () => {
    expect(canonicalJson({ b: [{ y: 1, x: 2 }], a: null })).toBe('{"a":null,"b":[{"x":2,"y":1}]}');
    expect(requestFingerprint({ t: 1 }, { a: 1, b: 2 })).toBe(requestFingerprint({ t: 1 }, { b: 2, a: 1 }));
    expect(requestFingerprint({ t: 1 }, { a: 1 })).not.toBe(requestFingerprint({ t: 2 }, { a: 1 }));
    expect(requestFingerprint({ t: 1 }, undefined)).toMatch(/^[0-9a-f]{64}$/);
  });
});
