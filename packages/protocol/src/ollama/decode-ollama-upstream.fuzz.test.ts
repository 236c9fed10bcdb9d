import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  expectDecodesOrUpstreamError,
  expectWellFormedStream,
  mutatedFramesArb,
  upstreamAnswerArb,
} from "../testing/upstream-fuzz.js";
import { fixtureJson, fixtureText } from "./__fixtures__/fixtures.js";
import { createOllamaStreamDecoder } from "./create-ollama-stream-decoder.js";
import { decodeOllamaEmbedResponse } from "./decode-ollama-embed-response.js";
import { decodeOllamaError } from "./decode-ollama-error.js";
import { decodeOllamaResponse } from "./decode-ollama-response.js";

describe("Ollama upstream decoders on hostile answers", () => {
  it("decodeOllamaResponse returns or throws upstream_error naming the field", () => {
    fc.assert(
      fc.property(upstreamAnswerArb(fixtureJson("chat-response-tools.json")), (body) => {
        expectDecodesOrUpstreamError(() => decodeOllamaResponse(body));
      }),
      { numRuns: 1000 },
    );
  });

  it("decodeOllamaEmbedResponse returns or throws upstream_error", () => {
    fc.assert(
      fc.property(
        upstreamAnswerArb({ model: "m", embeddings: [[0.1, 0.2]], prompt_eval_count: 2 }),
        (body) => {
          expectDecodesOrUpstreamError(() => decodeOllamaEmbedResponse(body));
        },
      ),
      { numRuns: 800 },
    );
  });

  it("the stream decoder never throws and ends every stream once, with end or error", () => {
    const frames = fixtureText("stream-tools.ndjson")
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => JSON.parse(l) as unknown);
    fc.assert(
      // Frames reach this decoder already parsed, so nesting is not limited by a JSON round trip here.
      fc.property(mutatedFramesArb(frames, 100_000), fc.boolean(), (mutated, cut) => {
        expectWellFormedStream(createOllamaStreamDecoder(), cut ? mutated.slice(0, -1) : mutated);
      }),
      { numRuns: 800 },
    );
  });

  it("decodeOllamaError turns any body into a GatewayError", () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 599 }), fc.string(), (status, body) => {
        expect(decodeOllamaError(status, body, {}).code).toBeTypeOf("string");
      }),
    );
  });
});
