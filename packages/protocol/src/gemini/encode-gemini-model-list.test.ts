import { describe, expect, it } from "vitest";
import { encodeGeminiModelList } from "./encode-gemini-model-list.js";

describe("encodeGeminiModelList", () => {
  it("names models as resources with chat methods by default", () => {
    expect(
      encodeGeminiModelList([
        { id: "fast", displayName: "Fast", inputTokenLimit: 1_048_576, outputTokenLimit: 65_536 },
        { id: "embed", supportedGenerationMethods: ["embedContent"] },
      ]),
    ).toEqual({
      models: [
        {
          name: "models/fast",
          baseModelId: "fast",
          displayName: "Fast",
          inputTokenLimit: 1_048_576,
          outputTokenLimit: 65_536,
          supportedGenerationMethods: ["generateContent", "streamGenerateContent", "countTokens"],
        },
        {
          name: "models/embed",
          baseModelId: "embed",
          displayName: "embed",
          supportedGenerationMethods: ["embedContent"],
        },
      ],
    });
  });
});
