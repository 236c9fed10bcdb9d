import { type FakeServer, startFakeOllama } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerProvider } from "../../services/register-provider.js";
import { addModel, addProvider, startFake, usageOf } from "../routing/routing-fixture.js";
import {
  type ChatAnswer,
  chat,
  isSurfaceError,
  SURFACES,
  type SurfaceName,
} from "../routing/surface-client.js";
import { type BreakerGateway, healthOf, startBreakerGateway } from "./breaker-gateway.js";
import { breakerStoreKinds } from "./breaker-stores.js";

// A 429 says "not now", not "broken": it cools the deployment down for its Retry-After instead of counting
// towards opening its breaker. Meanwhile another deployment of the model takes the traffic; with none,
// requests are still sent (panic mode) and the client gets the upstream's 429 with its Retry-After, in
// its own protocol — never a 503 of the gateway's.
const kinds = await breakerStoreKinds();
const RETRY_AFTER_S = 2;

for (const kind of kinds) {
  describe.skipIf(kind.skip !== undefined)(`429 cool-downs, breakers in ${kind.name}`, () => {
    let gw: BreakerGateway;
    const f = {} as Record<"limited" | "spare" | "alone" | "patient" | "silent", FakeServer>;

    beforeAll(async () => {
      // OpenAI upstreams send `retry-after`; the Anthropic and Gemini clients get it converted.
      f.limited = await startFake("openai", { retryAfterSeconds: RETRY_AFTER_S });
      f.spare = await startFake("openai");
      f.alone = await startFake("openai", { retryAfterSeconds: RETRY_AFTER_S, mode: "error-429" });
      // A Retry-After of an hour, and (Ollama) none at all.
      f.patient = await startFake("openai", { retryAfterSeconds: 3_600, mode: "error-429" });
      f.silent = await startFakeOllama({ mode: "error-429" });
      gw = await startBreakerGateway(kind);
      for (const name of ["limited", "spare", "alone", "patient"] as const) {
        await addProvider(gw, name, "openai", f[name]);
      }
      await registerProvider(gw.store, gw.credentialVault, {
        tenantId: gw.tenant.id,
        kind: "ollama",
        name: "silent",
        baseUrl: f.silent.url,
      });
      await addModel(gw, "patient", [{ provider: "patient" }]);
      await addModel(gw, "silent", [{ provider: "silent" }]);
      for (const surface of SURFACES) {
        await addModel(gw, `pair-${surface}`, [{ provider: "limited" }, { provider: "spare", priority: 1 }]);
        await addModel(gw, `alone-${surface}`, [{ provider: "alone" }]);
      }
    });
    afterAll(async () => {
      await gw?.close();
      for (const fake of Object.values(f)) await fake?.close();
    });

    describe.each(SURFACES)("%s client", (surface: SurfaceName) => {
      const pair = `pair-${surface}`;
      const alone = `alone-${surface}`;

      it("a 429 cools the deployment down; the model's other deployment takes the traffic meanwhile", async () => {
        f.limited.setMode("error-429");
        const limitedBefore = f.limited.requests.length;
        const first = await chat(gw, surface, pair);
        expect(first.status).toBe(200);
        expect(first.provider).toBe("spare");
        expect(f.limited.requests.length - limitedBefore).toBe(1);

        const row = await healthOf(gw, pair, "limited");
        expect(row.breaker.state).toBe("open"); // blocked while cooling, whatever the breaker says
        expect(row.breaker.consecutiveFailures).toBe(0); // a rate limit is not a fault
        expect(row.breaker.coolingUntil).toBeGreaterThan(Date.now());
        expect(row.breaker.coolingUntil).toBeLessThanOrEqual(Date.now() + RETRY_AFTER_S * 1000);

        for (let i = 0; i < 5; i++) {
          const res = await chat(gw, surface, pair, { stream: i % 2 === 0 });
          expect(res.status).toBe(200);
          expect(res.provider).toBe("spare");
          expect(res.attempts).toBe(1); // the cooling deployment is skipped, not tried
        }
        expect(f.limited.requests.length - limitedBefore).toBe(1);
      });

      it("with no other deployment, the client gets the 429 with its Retry-After, and the next request is still sent", async () => {
        const before = f.alone.requests.length;
        const first = await chat(gw, surface, alone);
        expectUpstream429(surface, first);
        // Retried in place once after the Retry-After (under the 10 s cap), then answered.
        expect(f.alone.requests.length - before).toBe(2);
        expect(first.ms).toBeGreaterThanOrEqual(RETRY_AFTER_S * 1000 - 100);
        expect((await healthOf(gw, alone, "alone")).breaker).toMatchObject({
          state: "open",
          consecutiveFailures: 0,
        });
        expect((await healthOf(gw, alone, "alone")).breaker.coolingUntil).toBeGreaterThan(Date.now());

        // Cooling down, and nothing else to go to: sent anyway, once, and answered at once.
        const next = await chat(gw, surface, alone, { stream: true });
        expectUpstream429(surface, next);
        expect(f.alone.requests.length - before).toBe(3);
        expect(next.ms).toBeLessThan(1_000);
        const rec = await usageOf(gw, next.requestId);
        expect(rec.attempts).toMatchObject([{ provider: "alone", status: 429, panic: true }]);
      });

      it("once the cool-down is over, the deployment gets its traffic back", async () => {
        f.limited.setMode("ok");
        const until = (await healthOf(gw, pair, "limited")).breaker.coolingUntil;
        if (until !== null) await new Promise((r) => setTimeout(r, until - Date.now() + 20));
        const res = await chat(gw, surface, pair);
        expect(res.status).toBe(200);
        expect(res.provider).toBe("limited");
        expect((await healthOf(gw, pair, "limited")).breaker).toMatchObject({
          state: "closed",
          coolingUntil: null,
        });
      });
    });

    it("a Retry-After over the cap cools down for 60 s at most; the client still gets the upstream's", async () => {
      const res = await chat(gw, "openai", "patient");
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toBe("3600");
      expect(res.ms).toBeLessThan(1_000); // over the retry cap (10 s): answered, not waited for
      const { coolingUntil } = (await healthOf(gw, "patient", "patient")).breaker;
      expect(coolingUntil! - Date.now()).toBeGreaterThan(55_000);
      expect(coolingUntil! - Date.now()).toBeLessThanOrEqual(60_000);
    });

    it("a 429 without Retry-After cools down for 1 s", async () => {
      const res = await chat(gw, "openai", "silent");
      expect(res.status).toBe(429);
      expect(isSurfaceError("openai", res.body)).toBe(true);
      const { breaker } = await healthOf(gw, "silent", "silent");
      expect(breaker.state).toBe("open");
      expect(breaker.coolingUntil! - Date.now()).toBeGreaterThan(0);
      expect(breaker.coolingUntil! - Date.now()).toBeLessThanOrEqual(1_000);
    });
  });
}

/** The upstream's 429 in the client's protocol, with its Retry-After (and Gemini's RetryInfo). */
function expectUpstream429(surface: SurfaceName, res: ChatAnswer): void {
  expect(res.status).toBe(429);
  expect(res.headers.get("retry-after")).toBe(String(RETRY_AFTER_S));
  expect(isSurfaceError(surface, res.body)).toBe(true);
  expect(res.body).toContain("Rate limit reached for requests");
  if (surface === "gemini") expect(res.body).toContain(`"retryDelay":"${RETRY_AFTER_S}s"`);
  if (surface === "anthropic") expect(res.body).toContain('"rate_limit_error"');
}
