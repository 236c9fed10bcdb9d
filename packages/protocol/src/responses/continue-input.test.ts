import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors/gateway-error.js";
import { continueInput, inputItemsOf } from "./continue-input.js";
import { decodeResponsesRequestWithWarnings } from "./decode-responses-request.js";

const text = fc.string({ minLength: 1, maxLength: 20 });
const userMessage = text.map((t) => ({ role: "user", content: t }));
const outputMessage = fc.record({ id: text, text }).map(({ id, text: t }) => ({
  type: "message",
  id: `msg_${id}`,
  status: "completed",
  role: "assistant",
  content: [{ type: "output_text", text: t, annotations: [], logprobs: [] }],
}));
const reasoning = fc.record({ id: text, t: text, sig: fc.option(text) }).map(({ id, t, sig }) => ({
  type: "reasoning",
  id: `rs_${id}`,
  summary: [{ type: "summary_text", text: t }],
  encrypted_content: sig,
}));
const outputs = fc.array(fc.oneof(outputMessage, reasoning), { maxLength: 5 });
const newInput = fc.oneof(text, fc.array(userMessage, { minLength: 1, maxLength: 4 }));

describe("continueInput", () => {
  it("is the previous input, then the output as input items, then the new input; arguments untouched", () => {
    fc.assert(
      fc.property(fc.array(userMessage, { maxLength: 5 }), outputs, newInput, (input, output, next) => {
        const before = structuredClone({ input, output, next });
        const items = continueInput({ input, output }, next);
        expect({ input, output, next }).toEqual(before);
        const tail = typeof next === "string" ? 1 : next.length;
        expect(items).toHaveLength(input.length + output.length + tail);
        expect(items.slice(0, input.length)).toEqual(input);
        const middle = items.slice(input.length, input.length + output.length);
        expect(middle).toEqual(
          output.map((o) => {
            const { status: _status, id: _id, ...rest } = o as { status?: string; id?: string };
            return o.type === "message" || o.type === "function_call" ? rest : o;
          }),
        );
        expect(items.slice(input.length + output.length)).toEqual(inputItemsOf(next));
      }),
    );
  });

  it("gives a conversation the Responses decoder reads: each turn in order, assistant text kept", () => {
    fc.assert(
      fc.property(text, fc.array(outputMessage, { minLength: 1, maxLength: 3 }), text, (q, output, q2) => {
        const items = continueInput({ input: inputItemsOf(q), output }, q2);
        const { request } = decodeResponsesRequestWithWarnings({ model: "m", input: items });
        expect(request.messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
        expect(request.messages[1]!.content).toEqual(
          output.map((o) => ({ type: "text", text: o.content[0]!.text })),
        );
      }),
    );
  });

  it("keeps a function call for the new input's function_call_output, and reasoning's signature", () => {
    const call = {
      type: "function_call",
      id: "fc_1",
      call_id: "call_1",
      name: "lookup",
      arguments: "{}",
      status: "completed",
    };
    const thought = { type: "reasoning", id: "rs_1", summary: [], encrypted_content: "sig" };
    const full = continueInput({ input: inputItemsOf("Look it up"), output: [thought, call] }, [
      { type: "function_call_output", call_id: "call_1", output: "42" },
    ]);
    // No id: under store false upstream, OpenAI refuses ids of items it did not store.
    expect(full[2]).toEqual({
      type: "function_call",
      call_id: "call_1",
      name: "lookup",
      arguments: "{}",
    });
    const { request } = decodeResponsesRequestWithWarnings({ model: "m", input: full });
    expect(request.messages.map((m) => m.role)).toEqual(["user", "assistant", "tool"]);
    expect(request.messages[1]!.content[0]).toMatchObject({ type: "reasoning", signature: "sig" });
  });

  it("refuses an input that is neither a string nor a list, naming input", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.boolean(), fc.object()), (bad) => {
        expect(() => continueInput({ input: [], output: [] }, bad)).toThrow(GatewayError);
        try {
          continueInput({ input: [], output: [] }, bad);
        } catch (err) {
          expect((err as GatewayError).details.param).toBe("input");
        }
      }),
    );
  });
});
