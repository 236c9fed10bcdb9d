import { describe, expect, it } from "vitest";
import { upstreamView } from "./upstream-views.js";
import { SURFACES, UPSTREAMS, useMatrix } from "./use-matrix.js";

const m = useMatrix();

/** Each client protocol's stop reasons. @see https://docs.anthropic.com/en/api/handling-stop-reasons */
const LENGTH = { openai: "length", anthropic: "max_tokens", gemini: "MAX_TOKENS" } as const;
/** Gemini ends a function call with STOP; the call itself is the signal. @see https://ai.google.dev/api/generate-content#FinishReason */
const TOOL = { openai: "tool_calls", anthropic: "tool_use", gemini: "STOP" } as const;

describe.each(SURFACES)("%s client", (surface) => {
  describe.each(UPSTREAMS)("→ %s upstream", (upstream) => {
    it.each([false, true])(
      "a max-tokens cap below the reply gives the client's length reason (stream: %s)",
      async (stream) => {
        const { driver, up } = m.cell(surface, upstream);
        const out = await driver.run({ model: up.model, stream, maxTokens: 2 });
        expect(upstreamView(upstream).sampling(up.fake.requests[0]!.json as object).maxTokens).toBe(2);
        expect(out.text).toMatch(/^Hello from$/);
        expect(out.finish).toBe(LENGTH[surface]);
      },
    );

    it.each([false, true])("a tool call gives the client's tool reason (stream: %s)", async (stream) => {
      const { driver, up } = m.cell(surface, upstream);
      const out = await driver.run({ model: up.model, stream, tools: true, user: "please call tool" });
      expect(out.toolCalls).toEqual([{ name: "lookup", args: { q: "x" } }]);
      expect(out.finish).toBe(TOOL[surface]);
    });
  });
});
