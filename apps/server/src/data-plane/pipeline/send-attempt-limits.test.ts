import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { GatewayError } from "@gatehouse/protocol";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RequestOverrides } from "../../resilience/read-request-overrides.js";
import type { Candidate } from "../../routing/model-catalog.js";
import type { CandidateCall } from "./candidate-call.js";
import { sendAttempt } from "./send-attempt.js";
import { type HeldResponse, holdClientResponse } from "./testing/hold-client-response.js";
import { settle } from "./testing/run-forward.js";
import { scopeFor } from "./testing/scope-for.js";
import { type ScriptedUpstream, startScriptedUpstream } from "./testing/start-scripted-upstream.js";
import { startUnitRuntime, type UnitRuntime } from "./testing/start-unit-runtime.js";
import { chatCall } from "./testing/unit-calls.js";
import { UnitCatalog } from "./testing/unit-catalog.js";

// An attempt's bounds: the error body it reads, the clocks it runs under, the client it serves.
let u: UnitRuntime;
let endless: ScriptedUpstream;
let broken: ScriptedUpstream;
let silent: ScriptedUpstream;
let closedUrl: string;
let endlessClosed: Promise<void>;
let markEndlessClosed: () => void;

beforeAll(async () => {
  endless = await startScriptedUpstream((res) => {
    // A 500 whose body never ends: 200 KiB, then nothing, the connection held open.
    res.on("close", () => markEndlessClosed());
    res.writeHead(500, { "content-type": "text/plain" });
    res.write("x".repeat(200 * 1024));
  });
  silent = await startScriptedUpstream(() => {}); // never answers
  broken = await startScriptedUpstream((res) => {
    // A 503 whose error body is cut by a reset.
    res.writeHead(503, { "content-type": "application/json", "content-length": "100" });
    res.write('{"error":{"mess', () => res.socket?.resetAndDestroy());
  });
  const spare = createServer();
  await new Promise<void>((r) => spare.listen(0, "127.0.0.1", r));
  closedUrl = `http://127.0.0.1:${(spare.address() as AddressInfo).port}/v1`;
  await new Promise<void>((r) => spare.close(() => r()));
  u = await startUnitRuntime();
  u.rt.catalog = new UnitCatalog(u.principal.tenantId)
    .provider("endless", "openai", endless.url)
    .provider("silent", "openai", silent.url)
    .provider("broken", "openai", broken.url)
    .provider("closed", "openai", closedUrl)
    .model("endless", [{ provider: "endless" }])
    .model("silent", [{ provider: "silent" }])
    .model("broken", [{ provider: "broken" }])
    .model("closed", [{ provider: "closed" }])
    .build();
});
afterAll(async () => {
  await u?.close();
  await Promise.all([endless?.close(), silent?.close(), broken?.close()]);
});
beforeEach(() => {
  endlessClosed = new Promise((r) => {
    markEndlessClosed = r;
  });
});

interface AttemptSetup {
  overrides?: RequestOverrides;
  firstByteMs?: number;
  deadlineMs?: number;
  call?: (c: Candidate) => CandidateCall;
  /** The candidate as sent (the route's own by default). */
  candidate?: (c: Candidate) => Candidate;
  held?: HeldResponse;
}

async function attempt(model: string, setup: AttemptSetup = {}) {
  const held = setup.held ?? (await holdClientResponse());
  const scope = scopeFor(u.rt, u.principal, model, { overrides: setup.overrides });
  const route = scope.route!;
  const own = route.groups[0]![0]!;
  const candidate = setup.candidate ? setup.candidate(own) : own;
  const now = u.rt.now();
  const deadline = { at: now + (setup.deadlineMs ?? 5_000), totalMs: setup.deadlineMs ?? 5_000 };
  const limits = { firstByteMs: setup.firstByteMs ?? 5_000, idleMs: 5_000, deadline };
  const call = (setup.call ?? chatCall)(candidate);
  try {
    const result = await sendAttempt(u.rt, scope, held.res, { route, candidate }, call, limits, false);
    await settle();
    return { result, error: undefined, scope, id: candidate.deployment.id };
  } catch (error) {
    return { result: undefined, error, scope, id: candidate.deployment.id };
  } finally {
    if (setup.held === undefined) await held.close();
  }
}

async function failuresOf(id: string) {
  return (await u.rt.breakers.snapshot([id]))[0]!.consecutiveFailures;
}

describe("sendAttempt: bounds", () => {
  it("reads at most 64 KiB of an error body, then lets the rest go", async () => {
    const seen: string[] = [];
    const call = (c: Candidate): CandidateCall => ({
      ...chatCall(c),
      decodeError: (status, body) => {
        seen.push(body);
        return new GatewayError("upstream_error", `HTTP ${status}`);
      },
    });
    const { result } = await attempt("endless", { call });
    expect(result).toMatchObject({ error: { code: "upstream_error" } });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.length).toBe(64 * 1024);
    await endlessClosed; // the connection to the upstream was let go, not kept reading
    expect(u.rt.balancer.inFlight.get("dep_endless_endless")).toBe(0);
  });

  it("a timeout counts against the deployment, unless the client shortened its own timeouts", async () => {
    const own = await attempt("silent", { firstByteMs: 150, overrides: { timeouts: { totalMs: 150 } } });
    expect(own.result).toMatchObject({ error: { code: "upstream_timeout" } });
    expect(await failuresOf(own.id)).toBe(0);
    const plain = await attempt("silent", { firstByteMs: 150 });
    expect(plain.result).toMatchObject({ error: { code: "upstream_timeout" } });
    expect(await failuresOf(plain.id)).toBe(1);
  });

  it("an error answer cut while its body is read is the deployment's failure (502), not an internal error", async () => {
    const { result, id } = await attempt("broken");
    expect(result).toMatchObject({
      error: { code: "upstream_unreachable", status: 502, details: { provider: "broken" } },
    });
    expect(await failuresOf(id)).toBe(1);
  });

  it("a connection refused is upstream_unreachable (502) and a failure", async () => {
    const { result, id } = await attempt("closed");
    expect(result).toMatchObject({ error: { code: "upstream_unreachable", status: 502 } });
    expect(await failuresOf(id)).toBe(1);
  });

  it("throws the deadline's 504 when it passes first, counting nothing against the deployment", async () => {
    const before = await failuresOf("dep_silent_silent");
    const { error, scope } = await attempt("silent", { deadlineMs: 150 });
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ code: "upstream_timeout", status: 504 });
    expect((error as GatewayError).message).toContain("150 ms");
    expect(scope.attempts).toMatchObject([{ status: null }]);
    expect(await failuresOf("dep_silent_silent")).toBe(before);
  });

  it("answers undefined when the client leaves mid-attempt, counting nothing", async () => {
    const held = await holdClientResponse();
    const before = await failuresOf("dep_silent_silent");
    setTimeout(() => held.leave(), 100);
    const { result, error, scope } = await attempt("silent", { held });
    await held.close();
    expect([result, error]).toEqual([undefined, undefined]);
    expect(scope.attempts).toMatchObject([{ status: null }]);
    expect(await failuresOf("dep_silent_silent")).toBe(before);
    expect(u.rt.balancer.inFlight.get("dep_silent_silent")).toBe(0);
  });

  it("adds a target's request-time auth headers over its static ones", async () => {
    const auth = { headers: async () => ({ authorization: "Bearer fresh-token" }) };
    const { result } = await attempt("endless", {
      candidate: (c) => ({ ...c, target: { ...c.target, auth } }),
    });
    expect(result).toMatchObject({ error: {} });
    const sent = endless.received.at(-1)!.headers;
    expect(sent.authorization).toBe("Bearer fresh-token");
    expect(sent["content-type"]).toBe("application/json"); // the static headers are still there
  });
});
