import { describe, expect, it } from "vitest";
import { HISTORY } from "./case-call.js";
import { upstreamView } from "./upstream-views.js";
import { SURFACES, UPSTREAMS, useMatrix } from "./use-matrix.js";

const m = useMatrix();

/** Each client protocol's word for a normal end of turn. */
const END = { openai: "stop", anthropic: "end_turn", gemini: "STOP" } as const;

describe.each(SURFACES)("%s client", (surface) => {
  describe.each(UPSTREAMS)("→ %s upstream", (upstream) => {
    it.each([false, true])(
      "multi-turn with a tool call and its result (stream: %s): the upstream gets both, ids and names matching",
      async (stream) => {
        const { driver, up } = m.cell(surface, upstream);
        const out = await driver.run({ model: up.model, stream, toolHistory: true });
        expect(out.text).toMatch(/^Hello from fake-\w+ lorem ipsum$/);
        expect(out.finish).toBe(END[surface]);

        const { call, result } = upstreamView(upstream).toolExchange(up.fake.requests[0]!.json as object);
        expect(call).toEqual({ id: HISTORY.callId, name: "lookup", args: HISTORY.args });
        expect(result.id).toBe(HISTORY.callId);
        if (result.name !== undefined) expect(result.name).toBe("lookup");
        // Gemini's functionResponse.response is an object: the text travels inside it (or as its JSON).
        expect(result.text).toContain(HISTORY.result);
      },
    );
  });
});
