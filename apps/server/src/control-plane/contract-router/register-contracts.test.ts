import { describe, expect, it } from "vitest";
import type { ContractHandler } from "./register-contract.js";
import { registerContracts } from "./register-contracts.js";
import { AS, bareApp, fakeDeps, getMe, getStatus } from "./testing/contract-test-app.js";

const handlers: Record<string, ContractHandler> = {
  [getMe.id]: async ({ principal }) => ({ userId: principal?.kind ?? "" }),
  [getStatus.id]: async () => ({ ok: true }),
};

describe("registerContracts", () => {
  it("registers a route per contract", async () => {
    const { app } = bareApp();
    registerContracts(app, [getMe, getStatus], handlers, fakeDeps().deps);
    expect((await app.inject({ url: "/api/status" })).json()).toEqual({ ok: true });
    expect((await app.inject({ url: "/api/me", headers: AS.user })).json()).toEqual({ userId: "user" });
    await app.close();
  });

  it("refuses to start when a contract has no handler or a handler no contract, naming them", () => {
    const { app } = bareApp();
    const { [getMe.id]: _, ...withoutMe } = handlers;
    expect(() => registerContracts(app, [getMe, getStatus], withoutMe, fakeDeps().deps)).toThrow(
      /contracts without a handler: me\.get/,
    );
    const extra = { ...handlers, "ghosts.list": async () => null };
    expect(() => registerContracts(app, [getMe, getStatus], extra, fakeDeps().deps)).toThrow(
      /handlers without a contract: ghosts\.list/,
    );
  });

  it("refuses any later /api/ route without a contract, except the allowed ones", async () => {
    const { app } = bareApp();
    registerContracts(app, [getMe, getStatus], handlers, fakeDeps().deps, { allow: ["/api/docs"] });
    expect(() => app.get("/api/x", async () => "sneaky")).toThrow(/GET \/api\/x has no contract/);
    expect(() => app.post("/api/me", async () => "shadow")).toThrow(/has no contract/);
    expect(() => app.get("/api/docs", async () => "docs")).not.toThrow();
    expect(() => app.get("/healthz", async () => "ok")).not.toThrow();
    await app.ready();
    expect((await app.inject({ url: "/api/x" })).statusCode).toBe(404);
    await app.close();
  });
});
