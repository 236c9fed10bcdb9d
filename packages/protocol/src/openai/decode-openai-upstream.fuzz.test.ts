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
import { fixtureJson, fixtureSse } from "./__fixtures__/fixtures.js";
import { createOpenAIStreamDecoder } from "./create-openai-stream-decoder.js";
import { decodeOpenAIEmbeddingsResponse } from "./decode-openai-embeddings-response.js";
import { decodeOpenAIError } from "./decode-openai-error.js";
import { decodeOpenAIResponse } from "./decode-openai-response.js";

const embeddings = {
  object: "list",
  data: [{ object: "embedding", index: 0, embedding: [0.1, -0.2] }],
  model: "text-embedding-3-small",
  usage: { prompt_tokens: 3, total_tokens: 3 },
};

describe("OpenAI upstream decoders on hostile answers", () => {
  it("decodeOpenAIResponse returns or throws upstream_error naming the field", () => {
    fc.assert(
      fc.property(upstreamAnswerArb(fixtureJson("chat-response-tool-calls.json")), (body) => {
        expectDecodesOrUpstreamError(() => decodeOpenAIResponse(body));
      }),
      { numRuns: 1000 },
    );
    expect(() =>
      decodeOpenAIResponse({ choices: [{ message: { tool_calls: [{ id: "c", function: { name: 7 } }] } }] }),
    ).toThrow(
      "Unexpected upstream response: 'choices[0].message.tool_calls[0].function.name' must be a string",
    );
  });

  it("decodeOpenAIEmbeddingsResponse returns or throws upstream_error", () => {
    fc.assert(
      fc.property(upstreamAnswerArb(embeddings), (body) => {
        expectDecodesOrUpstreamError(() => decodeOpenAIEmbeddingsResponse(body));
      }),
      { numRuns: 800 },
    );
  });

  it("the stream decoder never throws and ends every stream once, with end or error", () => {
    const frames = fixtureSse("stream-tool-calls.chunks.txt");
    const data = frames.map((f) => (f.data.trim() === "[DONE]" ? "[DONE]" : JSON.parse(f.data)));
    fc.assert(
      fc.property(mutatedFramesArb(data, 20_000, true), fc.boolean(), (mutated, cut) => {
        const sse: SseEvent[] = mutated.map((d) => ({
          data: typeof d === "string" ? d : jsonTextWithDeepNesting(d),
        }));
        expectWellFormedStream(createOpenAIStreamDecoder(), cut ? sse.slice(0, -1) : sse);
      }),
      { numRuns: 800 },
    );
  });

  it("decodeOpenAIError turns any body into a GatewayError", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 599 }),
        fc.oneof(
          fc.string(),
          upstreamAnswerArb({ error: { message: "m", type: "t", code: "c" } }, 1500).map(
            (v) => JSON.stringify(v) ?? "",
          ),
        ),
        (status, body) => {
          expect(decodeOpenAIError(status, body, {}).code).toBeTypeOf("string");
        },
      ),
    );
  });
});
