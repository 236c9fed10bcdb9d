import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type SseEvent, SseParser } from "../sse/sse-parser.js";
import { jsonTextWithDeepNesting } from "../testing/hostile-json-arb.js";
import {
  expectDecodesOrUpstreamError,
  expectWellFormedStream,
  mutatedFramesArb,
  upstreamAnswerArb,
} from "../testing/upstream-fuzz.js";
import { createGeminiStreamDecoder } from "./create-gemini-stream-decoder.js";
import { decodeGeminiBatchEmbedResponse } from "./decode-gemini-batch-embed-response.js";
import { decodeGeminiCountTokensResponse } from "./decode-gemini-count-tokens-response.js";
import { decodeGeminiError } from "./decode-gemini-error.js";
import { decodeGeminiResponse } from "./decode-gemini-response.js";

const text = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8");
const frames = (name: string): SseEvent[] => {
  const parser = new SseParser();
  return [...parser.push(text(name)), ...parser.end()];
};

describe("Gemini upstream decoders on hostile answers", () => {
  it("decodeGeminiResponse returns or throws upstream_error naming the field", () => {
    const valid = JSON.parse(text("response-function-call.json")) as unknown;
    fc.assert(
      fc.property(upstreamAnswerArb(valid), (body) => {
        expectDecodesOrUpstreamError(() => decodeGeminiResponse(body, () => 0));
      }),
      { numRuns: 1000 },
    );
  });

  it("the embeddings and countTokens decoders return or throw upstream_error", () => {
    fc.assert(
      fc.property(upstreamAnswerArb({ embeddings: [{ values: [0.1, 0.2] }] }), (body) => {
        expectDecodesOrUpstreamError(() => decodeGeminiBatchEmbedResponse(body, "m"));
      }),
      { numRuns: 800 },
    );
    fc.assert(
      fc.property(upstreamAnswerArb({ totalTokens: 12 }), (body) => {
        expectDecodesOrUpstreamError(() => decodeGeminiCountTokensResponse(body));
      }),
      { numRuns: 800 },
    );
  });

  it("the stream decoder never throws and ends every stream once, with end or error", () => {
    for (const name of ["stream-tool-calls.sse.txt", "stream-vertex-streamed-args.sse.txt"]) {
      const data = frames(name).map((f) => JSON.parse(f.data) as unknown);
      fc.assert(
        fc.property(mutatedFramesArb(data, 20_000, true), fc.boolean(), (mutated, cut) => {
          const sse: SseEvent[] = mutated.map((d) => ({ data: jsonTextWithDeepNesting(d) }));
          expectWellFormedStream(createGeminiStreamDecoder(), cut ? sse.slice(0, -1) : sse);
        }),
        { numRuns: 800 },
      );
    }
  });

  it("decodeGeminiError turns any body into a GatewayError", () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 599 }), fc.string(), (status, body) => {
        expect(decodeGeminiError(status, body, {}).code).toBeTypeOf("string");
      }),
    );
  });
});
