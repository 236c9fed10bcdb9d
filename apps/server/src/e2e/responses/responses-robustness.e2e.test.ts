import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UPSTREAMS, useMatrix } from "../matrix/use-matrix.js";
import { hostileValueArb, renderJsonText } from "../robustness/hostile-json.js";

const m = useMatrix();
const RUNS = Number(process.env.ROBUSTNESS_RUNS ?? 150);

/** A valid Codex-style body touching every part of the decoder, for a model. */
function validBody(model: string): Record<string, unknown> {
  return {
    model,
    instructions: "Be terse.",
    input: [
      { type: "message", role: "developer", content: [{ type: "input_text", text: "Rules." }] },
      {
        role: "user",
        content: [
          { type: "input_text", text: "Look it up" },
          { type: "input_image", image_url: "data:image/png;base64,iVBORw0KGgo=" },
        ],
      },
      { type: "reasoning", summary: [{ type: "summary_text", text: "thinking" }], encrypted_content: "sig" },
      { type: "function_call", call_id: "c1", name: "lookup", arguments: '{"q":"x"}' },
      { type: "function_call_output", call_id: "c1", output: [{ type: "input_text", text: "42" }] },
      { role: "assistant", content: [{ type: "output_text", text: "Found it." }] },
      { role: "user", content: "Say hello" },
    ],
    tools: [
      {
        type: "function",
        name: "lookup",
        parameters: { type: "object", properties: { q: { type: "string" } } },
      },
    ],
    tool_choice: { type: "function", name: "lookup" },
    text: { format: { type: "json_schema", name: "a", schema: { type: "object" } } },
    reasoning: { effort: "low", summary: "auto" },
    max_output_tokens: 100,
    metadata: { k: "v" },
    include: ["reasoning.encrypted_content"],
    stream: false,
  };
}

/** Every path to a value inside a JSON document. */
function paths(value: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  const out = at.length > 0 ? [at] : [];
  if (Array.isArray(value)) for (const [i, v] of value.entries()) out.push(...paths(v, [...at, i]));
  else if (typeof value === "object" && value !== null)
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]));
  return out;
}

function mutated(body: Record<string, unknown>, path: Array<string | number>, value: unknown): unknown {
  const copy = structuredClone(body);
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
  return copy;
}

describe.each(UPSTREAMS)("Responses surface → %s upstream, mutated bodies", (upstream) => {
  it(`${RUNS} runs: never a 5xx; every refusal in OpenAI's error shape`, async () => {
    const { up } = m.cell("openai", upstream);
    const base = validBody(up.model);
    const all = paths(base).filter((p) => p[0] !== "model");
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...all),
        hostileValueArb,
        fc.boolean(),
        async (path, value, stream) => {
          const body = mutated({ ...base, stream }, path, value);
          const res = await fetch(`${m.gw.url}/v1/responses`, {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${m.gw.key}` },
            body: renderJsonText(body),
            signal: AbortSignal.timeout(10_000),
          });
          const text = await res.text();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          expect(res.status, text).toBeLessThan(500);
          if (res.status >= 400)
            expect(JSON.parse(text), text).toMatchObject({
              error: { message: expect.any(String), type: expect.any(String) },
            });
        },
      ),
      { numRuns: RUNS, interruptAfterTimeLimit: 60_000 },
    );
    // A property that only ever saw refusals would prove little: some bodies must have been served.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
    expect([...statuses.keys()].some((s) => s >= 400)).toBe(true);
  });
});
