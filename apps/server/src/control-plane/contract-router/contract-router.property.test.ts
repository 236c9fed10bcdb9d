import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerContract } from "./register-contract.js";
import {
  AS,
  bareApp,
  createThing,
  fakeDeps,
  getThing,
  TENANT,
  THING,
  WORKSPACE,
} from "./testing/contract-test-app.js";

const { app } = bareApp();

beforeAll(async () => {
  const { deps } = fakeDeps();
  registerContract(app, createThing, async ({ body }) => ({ id: THING, name: body.name, size: null }), deps);
  registerContract(app, getThing, async () => ({ id: THING, name: "n", size: 1 }), deps);
  await app.ready();
});

afterAll(async () => {
  await app.close();
});

const url = `/api/tenants/${TENANT}/workspaces/${WORKSPACE}/things`;

describe("the contract router on arbitrary input", () => {
  it("never answers 5xx to a random JSON body", async () => {
    const body = fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.dictionary(fc.string(), fc.jsonValue()).map((v) => JSON.stringify({ name: "x", ...v })),
      fc.string(),
    );
    const key = fc.option(fc.string({ maxLength: 5 }), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(body, key, async (payload, idempotencyKey) => {
        const res = await app.inject({
          method: "POST",
          url,
          headers: {
            ...AS.user,
            "content-type": "application/json",
            ...(idempotencyKey === undefined ? {} : { "idempotency-key": idempotencyKey }),
          },
          payload,
        });
        expect(res.statusCode, payload).toBeLessThan(500);
        if (res.statusCode >= 400) expect(res.json().error.code).toEqual(expect.any(String));
      }),
      { numRuns: 300 },
    );
  });

  it("never answers 5xx to random path and query values", async () => {
    const segment = fc.string({ minLength: 1, maxLength: 30 }).map(encodeURIComponent);
    await fc.assert(
      fc.asyncProperty(segment, segment, fc.string({ maxLength: 20 }), async (tenant, thing, limit) => {
        const res = await app.inject({
          url: `/api/tenants/${tenant}/things/${thing}?limit=${encodeURIComponent(limit)}&limit=2`,
          headers: AS.user,
        });
        expect(res.statusCode).toBeLessThan(500);
      }),
      { numRuns: 200 },
    );
  });
});
