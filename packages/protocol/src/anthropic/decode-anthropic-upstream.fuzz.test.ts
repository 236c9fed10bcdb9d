import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SseEvent } from "../sse/sse-parser.js";
import { jsonTextWithDeepNesting } from "../testing/hostile-json-arb.js";
import {
  expectDecodesOrUpstreamError,
  expectWellFormedStream,
  mutatedFramesArb,
  upstreamAnswerArb,
} from "../testing/upstream-fuzz.js";
import { fixtureFrames, fixtureJson } from "./__fixtures__/load-fixture.js";
import { createAnthropicStreamDecoder } from "./create-anthropic-stream-decoder.js";
import { decodeAnthropicError } from "./decode-anthropic-error.js";
import { decodeAnthropicResponse } from "./decode-anthropic-response.js";

describe("Anthropic upstream decoders on hostile answers", () => {
  it("decodeAnthropicResponse returns or throws upstream_error naming the field", () => {
    fc.assert(
      fc.property(upstreamAnswerArb(fixtureJson("response-tool-use.json")), fc.boolean(), (body, json) => {
        expectDecodesOrUpstreamError(() =>
          decodeAnthropicResponse(body, json ? { jsonToolName: "get_weather" } : {}),
        );
      }),
      { numRuns: 1000 },
    );
    const body = {
      ...fixtureJson("response-tool-use.json"),
      content: [
        { type: "text", text: "a" },
        { type: "tool_use", id: "t", name: "f", input: "x" },
      ],
    };
    expect(() => decodeAnthropicResponse(body)).toThrow(
      "Unexpected Anthropic response: content[1].input must be an object",
    );
  });

  it("the stream decoder never throws and ends every stream once, with end or error", () => {
    for (const name of ["stream-tool-use.chunks.txt", "stream-thinking.chunks.txt"]) {
      const frames = fixtureFrames(name);
      const data = frames.map((f) => JSON.parse(f.data) as unknown);
      fc.assert(
        fc.property(mutatedFramesArb(data, 20_000, true), fc.boolean(), (mutated, cut) => {
          const sse: SseEvent[] = mutated.map((d, i) => ({
            ...frames[i]!,
            data: jsonTextWithDeepNesting(d),
          }));
          expectWellFormedStream(createAnthropicStreamDecoder(), cut ? sse.slice(0, -1) : sse);
        }),
        { numRuns: 800 },
      );
    }
  });

  it("decodeAnthropicError turns any body into a GatewayError", () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 599 }), fc.string(), (status, body) => {
        expect(decodeAnthropicError(status, body, {}).code).toBeTypeOf("string");
      }),
    );
  });
});
