import type { FakeServer } from "@gatehouse/test-support";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { hostileValueArb, renderJsonText } from "../robustness/hostile-json.js";
import { addModel, addProvider, startFake } from "../routing/routing-fixture.js";
import { ResponsesSocketClient } from "./testing/responses-socket-client.js";

const RUNS = Number(process.env.ROBUSTNESS_RUNS ?? 80);

/** A valid Codex-style message touching the socket's fields and the decoder's. */
const VALID = {
  type: "response.create",
  model: "claude-ws",
  generate: true,
  instructions: "Be terse.",
  input: [
    { type: "message", role: "developer", content: [{ type: "input_text", text: "Rules." }] },
    { type: "reasoning", summary: [{ type: "summary_text", text: "thinking" }], encrypted_content: "sig" },
    { type: "function_call", call_id: "c1", name: "lookup", arguments: '{"q":"x"}' },
    { type: "function_call_output", call_id: "c1", output: "42" },
    { role: "user", content: [{ type: "input_text", text: "Say hello" }] },
  ],
  tools: [
    {
      type: "function",
      name: "lookup",
      parameters: { type: "object", properties: { q: { type: "string" } } },
    },
  ],
  reasoning: { effort: "low", summary: "auto" },
  max_output_tokens: 100,
  store: false,
};

/** Every path to a value inside a JSON document. */
function paths(value: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  const out = at.length > 0 ? [at] : [];
  if (Array.isArray(value)) for (const [i, v] of value.entries()) out.push(...paths(v, [...at, i]));
  else if (typeof value === "object" && value !== null)
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]));
  return out;
}

function mutated(path: Array<string | number>, value: unknown): unknown {
  const copy = structuredClone(VALID) as unknown as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
  return copy;
}

// Mutated messages on one socket: each is answered by a response's events or by one error event below
// 500, in OpenAI's error shape, and the socket stays open for the next.
describe("Responses WebSocket mode, mutated messages", () => {
  let gw: TestGateway;
  let anthropic: FakeServer;

  beforeAll(async () => {
    anthropic = await startFake("anthropic");
    gw = await startTestGateway({ retryPolicy: { maxAttempts: 1 } });
    await addProvider(gw, "anth", "anthropic", anthropic);
    await addModel(gw, "claude-ws", [{ provider: "anth" }]);
  });
  afterAll(async () => {
    await gw?.close();
    await anthropic?.close();
  });

  it(`${RUNS} runs: never a 5xx event, never a closed socket`, async () => {
    const socket = await ResponsesSocketClient.open(gw.url, gw.key);
    const all = paths(VALID).filter((p) => p[0] !== "type");
    const ends = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...all), hostileValueArb, async (path, value) => {
        const text = renderJsonText(mutated(path, value));
        socket.send(text);
        const events = await socket.untilLast();
        const last = events.at(-1);
        expect(last, text.slice(0, 300)).toBeDefined();
        ends.set(last!.type, (ends.get(last!.type) ?? 0) + 1);
        if (last!.type === "error") {
          expect(last!.status as number, JSON.stringify(last)).toBeLessThan(500);
          expect(last).toMatchObject({ error: { message: expect.any(String), type: expect.any(String) } });
        }
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: 60_000 },
    );
    expect(socket.ws.readyState).toBe(socket.ws.OPEN);
    // A property that only ever saw refusals would prove little: some messages must have been served.
    expect(ends.get("response.completed") ?? 0).toBeGreaterThan(0);
    expect(ends.get("error") ?? 0).toBeGreaterThan(0);
    socket.close();
  });
});
