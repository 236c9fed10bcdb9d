import { describe, expect, it } from "vitest";
import { PARALLEL_HISTORY } from "./case-call.js";
import { upstreamView } from "./upstream-views.js";
import { SURFACES, UPSTREAMS, useMatrix } from "./use-matrix.js";

const m = useMatrix();

/** Each client protocol's word for a turn ending in tool calls (Gemini ends function calls with STOP). */
const TOOL_END = { openai: "tool_calls", anthropic: "tool_use", gemini: "STOP" } as const;

describe.each(SURFACES)("%s client", (surface) => {
  describe.each(UPSTREAMS)("→ %s upstream", (upstream) => {
    it.each([false, true])(
      "two tool calls in one answer reach the client with names and arguments (stream: %s)",
      async (stream) => {
        const { driver, up } = m.cell(surface, upstream);
        // With two tools declared, "call tools" makes every fake call lookup {q:"x"} and fetch {q:"y"}.
        const out = await driver.run({ model: up.model, stream, twoTools: true, user: "Please call tools" });
        expect(out.toolCalls).toEqual([
          { name: "lookup", args: { q: "x" } },
          { name: "fetch", args: { q: "y" } },
        ]);
        expect(out.text).toBe("");
        expect(out.finish).toBe(TOOL_END[surface]);
      },
    );

    it.each([false, true])(
      "a follow-up with both results reaches the upstream with each result matched to its call (stream: %s)",
      async (stream) => {
        const { driver, up } = m.cell(surface, upstream);
        const out = await driver.run({ model: up.model, stream, parallelHistory: true });
        expect(out.text).toMatch(/^Hello from fake-\w+ lorem ipsum$/);

        const exchanges = upstreamView(upstream).toolExchanges(up.fake.requests[0]!.json as object);
        expect(exchanges.map((e) => e.call)).toEqual(
          PARALLEL_HISTORY.calls.map((c) => ({ id: c.id, name: c.name, args: c.args })),
        );
        PARALLEL_HISTORY.calls.forEach((c, i) => {
          const { result } = exchanges[i]!;
          if (result.id !== undefined) expect(result.id).toBe(c.id);
          if (result.name !== undefined) expect(result.name).toBe(c.name);
          // Gemini's functionResponse.response is an object: the text travels inside it (or as its JSON).
          expect(result.text).toContain(c.result);
        });
      },
    );
  });
});
