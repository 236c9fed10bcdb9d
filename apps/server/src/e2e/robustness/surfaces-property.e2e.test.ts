import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerProvider } from "../../services/register-provider.js";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { SURFACES } from "../routing/surface-client.js";
import { type ChatBodyCase, chatBodyCaseArb } from "./chat-body-case-arb.js";
import { type ScriptedUpstream, startScriptedUpstream } from "./scripted-upstream.js";
import { surfaceErrorMessage } from "./surface-error-message.js";
import { keyHeader } from "./surface-heads.js";
import { upstreamBodyProblem } from "./upstream-body-problem.js";
import { validUpstreamAnswer } from "./valid-upstream-answer.js";

/** Runs per surface: enough to reach every mutation kind many times, few enough to keep the suite fast (ROBUSTNESS_RUNS=3000 to hunt). */
const RUNS = Number(process.env.ROBUSTNESS_RUNS ?? 200);

let up: ScriptedUpstream;
let gw: TestGateway;
// One model per upstream protocol, so every surface is served both by passthrough and by conversion.
const MODELS = ["m-openai", "m-anthropic", "m-gemini"];

beforeAll(async () => {
  // The upstream answers every request 200 with a valid answer: any 5xx a client sees is the gateway's.
  up = await startScriptedUpstream(validUpstreamAnswer);
  gw = await startTestGateway({ retryPolicy: { maxAttempts: 1 } });
  const base = { openai: `${up.origin}/v1`, anthropic: up.origin, gemini: `${up.origin}/v1beta` } as const;
  for (const kind of ["openai", "anthropic", "gemini"] as const) {
    await registerProvider(gw.store, gw.credentialVault, {
      tenantId: gw.tenant.id,
      name: `up-${kind}`,
      kind,
      baseUrl: base[kind],
      apiKey: "sk-up",
      models: [`m-${kind}`],
    });
  }
  await gw.app.refresh();
});
afterAll(async () => {
  await gw?.close();
  await up?.close();
});

async function send(c: ChatBodyCase): Promise<{ status: number; text: string }> {
  const res = await fetch(`${gw.url}${c.path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...keyHeader(c.surface, gw.key) },
    body: c.body,
    signal: AbortSignal.timeout(10_000),
  });
  return { status: res.status, text: await res.text() };
}

describe.each(SURFACES)("%s surface, arbitrary and mutated chat bodies", (surface) => {
  it(`${RUNS} runs: only 4xx from the gateway, in the surface's shape; nothing malformed sent upstream`, async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(chatBodyCaseArb(surface, MODELS), async (c) => {
        const sentBefore = up.requests.length;
        const r = await send(c);
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        expect(r.status, r.text).toBeLessThan(500);
        if (r.status >= 400) expect(surfaceErrorMessage(surface, r.text), r.text).toBeDefined();
        for (const sent of up.requests.slice(sentBefore))
          expect(upstreamBodyProblem(sent), sent.body.slice(0, 500)).toBeUndefined();
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: 120_000 },
    );
    console.log(
      `[robustness] ${surface}: statuses over ${RUNS} runs ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    // A property that only ever saw refusals would prove little: some bodies must have been served.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
  });
});
