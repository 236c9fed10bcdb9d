import { GatewayError } from "@gatehouse/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeCompactRequest } from "./decode-compact-request.js";

describe("decodeCompactRequest", () => {
  it("reads the model and sizes the prompt from every string of input and instructions", () => {
    const r = decodeCompactRequest({
      model: "gpt-5",
      instructions: "ab",
      input: [
        { role: "user", content: [{ type: "input_text", text: "cdef" }] },
        { type: "compaction", encrypted_content: "gh" },
      ],
      prompt_cache_key: "not counted",
    });
    expect(r.model).toBe("gpt-5");
    // "ab" + "user" + "input_text" + "cdef" + "compaction" + "gh": item fields count too (an over-estimate).
    expect(r.promptChars).toBe(2 + 4 + 10 + 4 + 10 + 2);
    expect(r.promptText()).toContain("cdef");
    expect(decodeCompactRequest({ model: "m", input: null }).promptChars).toBe(0);
  });

  it.each([
    [{}, "model", /is required/],
    [{ model: "" }, "model", /must not be empty/],
    [{ model: 1 }, "model", /must be a string/],
    [{ model: "m", input: {} }, "input", /string or an array/],
    [{ model: "m", instructions: 3 }, "instructions", /must be a string/],
    [{ model: "m", previous_response_id: "resp_1" }, "previous_response_id", /stored responses/],
  ])("refuses %j naming %s", (body, param, message) => {
    try {
      decodeCompactRequest(body);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(GatewayError);
      expect(err).toMatchObject({ code: "invalid_request", details: { param } });
      expect((err as Error).message).toMatch(message);
    }
  });

  it("answers any JSON object with a request or a 400-class GatewayError, never anything else", () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom("model", "input", "instructions", "previous_response_id", "x"),
          fc.jsonValue(),
        ),
        (body) => {
          try {
            const r = decodeCompactRequest(body);
            expect(typeof r.model).toBe("string");
            expect(r.promptChars).toBeGreaterThanOrEqual(0);
          } catch (err) {
            expect(err).toBeInstanceOf(GatewayError);
            expect((err as GatewayError).code).toBe("invalid_request");
          }
        },
      ),
    );
  });
});
