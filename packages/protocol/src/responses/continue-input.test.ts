import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { continueInput } from "./continue-input.js";
import { decodeResponsesRequestWithWarnings } from "./decode-responses-request.js";

const assistant = {
  type: "message",
  id: "msg_1",
  status: "completed",
  role: "assistant",
  content: [{ type: "output_text", text: "Paris.", annotations: [] }],
};
const call = {
  type: "function_call",
  id: "fc_1",
  status: "completed",
  call_id: "call_1",
  name: "lookup",
  arguments: '{"q":"x"}',
};
const reasoning = {
  type: "reasoning",
  id: "rs_1",
  summary: [{ type: "summary_text", text: "thinking" }],
  encrypted_content: "sig",
};

describe("continueInput", () => {
  it("puts the previous input, its output as input items, then the new input", () => {
    const input = continueInput(
      { input: [{ role: "user", content: "Capital of France?" }], output: [reasoning, assistant] },
      "And of Spain?",
    );
    expect(input).toEqual([
      { role: "user", content: "Capital of France?" },
      { type: "reasoning", summary: [{ type: "summary_text", text: "thinking" }], encrypted_content: "sig" },
      { type: "message", role: "assistant", content: [{ type: "output_text", text: "Paris." }] },
      { role: "user", content: "And of Spain?" },
    ]);
  });

  it("continues a function call with its output, which the decoder accepts", () => {
    const input = continueInput({ input: [{ role: "user", content: "Look x up" }], output: [call] }, [
      { type: "function_call_output", call_id: "call_1", output: "found" },
    ]);
    expect(input[1]).toEqual({
      type: "function_call",
      call_id: "call_1",
      name: "lookup",
      arguments: '{"q":"x"}',
    });
    const { request } = decodeResponsesRequestWithWarnings({ model: "m", input });
    expect(request.messages.map((m) => m.role)).toEqual(["user", "assistant", "tool"]);
  });

  it("adds nothing for a missing input and keeps unknown items as they are", () => {
    const hosted = { type: "web_search_call", id: "ws_1", status: "completed" };
    expect(continueInput({ input: [], output: [hosted] }, undefined)).toEqual([hosted]);
  });

  it("always holds every earlier item, in order, and never an output item's id", () => {
    const item = fc.oneof(
      fc.constant(assistant),
      fc.constant(call),
      fc.constant(reasoning),
      fc.record({ role: fc.constant("user"), content: fc.string() }),
    );
    fc.assert(
      fc.property(
        fc.array(item),
        fc.array(item),
        fc.oneof(fc.string(), fc.array(item)),
        (input, output, next) => {
          const out = continueInput({ input, output }, next);
          const added = typeof next === "string" ? 1 : next.length;
          expect(out).toHaveLength(input.length + output.length + added);
          expect(out.slice(0, input.length)).toEqual(input);
          for (const o of out.slice(input.length, input.length + output.length))
            expect(o).not.toHaveProperty("id");
        },
      ),
    );
  });
});
