import type { FakeServer } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addModel, addProvider, startFake, usageOf } from "../routing/routing-fixture.js";
import { chat, isSurfaceError, SURFACES } from "../routing/surface-client.js";
import { type BreakerGateway, healthOf, startBreakerGateway } from "./breaker-gateway.js";
import { breakerStoreKinds } from "./breaker-stores.js";

// A model whose every deployment is blocked goes straight to its fallback model, without an attempt on
// the blocked ones. When the fallback's deployments are blocked too, nothing is left: the request goes,
// in panic mode, to the deployment blocked first (the longest without traffic, the likeliest to have
// recovered) — whichever model it belongs to.
const kinds = await breakerStoreKinds();
// Two failures open a breaker; the 30 s cool-down outlasts the test, so blocks only end by panic success.
const POLICY = { consecutiveFailures: 2 };

type Name = "mainA" | "mainB" | "spare";

for (const kind of kinds) {
  describe.skipIf(kind.skip !== undefined)(
    `fallback past blocked deployments, breakers in ${kind.name}`,
    () => {
      let gw: BreakerGateway;
      const f = {} as Record<Name, FakeServer>;
      let seen: Record<Name, number> = { mainA: 0, mainB: 0, spare: 0 };
      /** Requests each fake received since the last call. */
      const sinceLast = (): Record<Name, number> => {
        const now = {
          mainA: f.mainA.requests.length,
          mainB: f.mainB.requests.length,
          spare: f.spare.requests.length,
        };
        const out = {
          mainA: now.mainA - seen.mainA,
          mainB: now.mainB - seen.mainB,
          spare: now.spare - seen.spare,
        };
        seen = now;
        return out;
      };
      const state = async (provider: Name) =>
        (await healthOf(gw, provider === "spare" ? "spare" : "main", provider)).breaker.state;

      beforeAll(async () => {
        for (const name of ["mainA", "mainB", "spare"] as const) f[name] = await startFake("openai");
        gw = await startBreakerGateway(kind, POLICY);
        for (const name of ["mainA", "mainB", "spare"] as const)
          await addProvider(gw, name, "openai", f[name]);
        await addModel(gw, "spare", [{ provider: "spare" }]);
        // mainA first, mainB as its fallback group: mainA's block begins first.
        await addModel(gw, "main", [{ provider: "mainA" }, { provider: "mainB", priority: 1 }], {
          fallbackModels: ["spare"],
        });
      });
      afterAll(async () => {
        await gw?.close();
        for (const fake of Object.values(f)) await fake?.close();
      });

      it("blocks the model's deployments one after the other, still serving every request", async () => {
        f.mainA.setMode("error-500");
        for (let i = 0; i < 2; i++) expect((await chat(gw, "openai", "main")).provider).toBe("mainB");
        expect(await state("mainA")).toBe("open");
        f.mainB.setMode("error-500");
        // mainB fails twice in place (nothing else left in the model), then the fallback model serves.
        const res = await chat(gw, "openai", "main");
        expect(res.status).toBe(200);
        expect(res.provider).toBe("spare");
        expect(await state("mainB")).toBe("open");
        expect(sinceLast()).toEqual({ mainA: 2, mainB: 4, spare: 1 });
      });

      it("every deployment of the model blocked: the fallback model serves, without an attempt on the blocked ones", async () => {
        for (let i = 0; i < 12; i++) {
          const surface = SURFACES[i % 3]!;
          const res = await chat(gw, surface, "main", { stream: i % 4 === 1 });
          expect(res.status).toBe(200);
          expect(res.provider).toBe("spare");
          expect(res.attempts).toBe(1);
        }
        expect(sinceLast()).toEqual({ mainA: 0, mainB: 0, spare: 12 });
        const res = await chat(gw, "anthropic", "main");
        const rec = await usageOf(gw, res.requestId);
        expect(rec.model).toBe("main");
        expect(rec.attempts).toMatchObject([{ model: "spare", provider: "spare", status: 200 }]);
        expect(rec.attempts[0]).not.toHaveProperty("panic");
        sinceLast();
      });

      it("the fallback's deployments blocked too: panic mode sends once to the deployment blocked first", async () => {
        f.spare.setMode("error-500");
        const opening = await chat(gw, "openai", "main"); // spare fails twice in place: its breaker opens
        expect(opening.status).toBe(502);
        expect(await state("spare")).toBe("open");
        expect(sinceLast()).toEqual({ mainA: 0, mainB: 0, spare: 2 });

        // Everything blocked. mainA was blocked first: it gets the request, once, still failing.
        for (const surface of SURFACES) {
          const res = await chat(gw, surface, "main");
          expect(res.status).toBe(502);
          expect(isSurfaceError(surface, res.body)).toBe(true);
          const rec = await usageOf(gw, res.requestId);
          expect(rec.attempts).toMatchObject([
            { model: "main", provider: "mainA", status: 500, panic: true },
          ]);
        }
        expect(sinceLast()).toEqual({ mainA: 3, mainB: 0, spare: 0 });

        // mainA recovers: the next panic request is served, and closes its breaker.
        f.mainA.setMode("ok");
        const served = await chat(gw, "gemini", "main", { stream: true });
        expect(served.status).toBe(200);
        expect(served.provider).toBe("mainA");
        expect((await usageOf(gw, served.requestId)).attempts).toMatchObject([
          { provider: "mainA", panic: true },
        ]);
        expect(await state("mainA")).toBe("closed");
        expect(await state("mainB")).toBe("open");
        expect(await state("spare")).toBe("open");

        // Closed: ordinary traffic again, to mainA only.
        const next = await chat(gw, "openai", "main");
        expect(next.provider).toBe("mainA");
        expect((await usageOf(gw, next.requestId)).attempts[0]).not.toHaveProperty("panic");
        expect(sinceLast()).toEqual({ mainA: 2, mainB: 0, spare: 0 });
      });
    },
  );
}
