import { GatewayError } from "@gatehouse/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSocketMessage } from "./parse-socket-message.js";

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
    return undefined;
  } catch (err) {
    return err instanceof GatewayError ? err.code : `not a GatewayError: ${String(err)}`;
  }
};

describe("parseSocketMessage", () => {
  it("reads response.create: the body without the socket's own fields", () => {
    const message = JSON.stringify({
      type: "response.create",
      model: "m",
      input: "Hi",
      stream: true,
      generate: false,
      previous_response_id: "resp_1",
    });
    expect(parseSocketMessage(message, false)).toEqual({
      body: { model: "m", input: "Hi" },
      generate: false,
      previousResponseId: "resp_1",
    });
    expect(parseSocketMessage(Buffer.from('{"type":"response.create"}'), false)).toEqual({
      body: {},
      generate: true,
      previousResponseId: undefined,
    });
  });

  it("refuses binary frames, bad JSON, other types and bad socket fields with 400-class errors", () => {
    expect(codeOf(() => parseSocketMessage(Buffer.from("{}"), true))).toBe("invalid_request");
    expect(codeOf(() => parseSocketMessage("{", false))).toBe("invalid_json");
    expect(codeOf(() => parseSocketMessage("[]", false))).toBe("invalid_request");
    expect(codeOf(() => parseSocketMessage('{"type":"response.cancel"}', false))).toBe("invalid_request");
    expect(codeOf(() => parseSocketMessage('{"type":"response.create","generate":"no"}', false))).toBe(
      "invalid_request",
    );
    expect(
      codeOf(() => parseSocketMessage('{"type":"response.create","previous_response_id":7}', false)),
    ).toBe("invalid_request");
    expect(codeOf(() => parseSocketMessage('{"type":"response.create","background":true}', false))).toBe(
      "invalid_request",
    );
  });

  it("refuses nesting deeper than the decoders walk, without running out of stack", () => {
    const deep = `{"type":"response.create","input":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    expect(codeOf(() => parseSocketMessage(deep, false))).toBe("invalid_request");
  });

  it("names the field at fault", () => {
    try {
      parseSocketMessage('{"type":"nope"}', false);
    } catch (err) {
      expect((err as GatewayError).details.param).toBe("type");
      expect((err as GatewayError).message).toContain("'nope'");
    }
  });

  it("never throws anything but a 400-class GatewayError, whatever the bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (bytes, binary) => {
        const code = codeOf(() => parseSocketMessage(Buffer.from(bytes), binary));
        if (code !== undefined) expect(["invalid_request", "invalid_json"]).toContain(code);
      }),
    );
  });

  it("keeps every other field of any response.create as the body, untouched", () => {
    const key = fc
      .string({ maxLength: 12 })
      .filter(
        (k) => !["type", "generate", "previous_response_id", "stream", "background", "__proto__"].includes(k),
      );
    fc.assert(
      fc.property(fc.dictionary(key, fc.jsonValue()), (fields) => {
        const parsed = parseSocketMessage(JSON.stringify({ ...fields, type: "response.create" }), false);
        expect(parsed.body).toEqual(JSON.parse(JSON.stringify(fields)));
        expect(parsed.generate).toBe(true);
      }),
    );
  });
});
