import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors/gateway-error.js";
import { decodeGeminiBatchEmbedRequest } from "./decode-gemini-batch-embed-request.js";
import { decodeGeminiEmbedContentRequest } from "./decode-gemini-embed-content-request.js";

describe("Gemini embedding requests", () => {
  it("decodes embedContent, dropping taskType with a warning", () => {
    const warnings: string[] = [];
    const ir = decodeGeminiEmbedContentRequest(
      {
        content: { parts: [{ text: "a" }, { text: "b" }] },
        task_type: "RETRIEVAL_QUERY",
        outputDimensionality: 256,
      },
      "models/gemini-embedding-001",
      warnings,
    );
    expect(ir).toEqual({ model: "gemini-embedding-001", input: ["a\nb"], dimensions: 256 });
    expect(warnings).toEqual(["taskType is not supported; dropped"]);
  });

  it("decodes batchEmbedContents in order", () => {
    const ir = decodeGeminiBatchEmbedRequest(
      {
        requests: [
          { model: "models/gemini-embedding-001", content: { parts: [{ text: "one" }] } },
          { model: "models/gemini-embedding-001", content: { parts: [{ text: "two" }] } },
        ],
      },
      "gemini-embedding-001",
    );
    expect(ir).toEqual({ model: "gemini-embedding-001", input: ["one", "two"] });
  });

  it("refuses differing dimensions, empty batches and non-text content", () => {
    const req = (outputDimensionality?: number) => ({
      content: { parts: [{ text: "x" }] },
      outputDimensionality,
    });
    const err = (() => {
      try {
        decodeGeminiBatchEmbedRequest({ requests: [req(8), req(16)] }, "m");
      } catch (e) {
        return e as GatewayError;
      }
    })();
    expect(err?.code).toBe("unsupported_parameter");
    expect(err?.details.param).toBe("requests[1].outputDimensionality");
    expect(() => decodeGeminiBatchEmbedRequest({ requests: [] }, "m")).toThrow(GatewayError);
    expect(() => decodeGeminiEmbedContentRequest({ content: { parts: [{ inlineData: {} }] } }, "m")).toThrow(
      GatewayError,
    );
  });
});
