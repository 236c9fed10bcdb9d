import { describe, expect, it } from "vitest";
import { encodeOpenAIModelList } from "./encode-openai-model-list.js";

describe("encodeOpenAIModelList", () => {
  it("writes GET /v1/models' list shape", () => {
    expect(encodeOpenAIModelList([{ id: "gpt-4o", created: 1715367049, ownedBy: "openai" }])).toEqual({
      object: "list",
      data: [{ id: "gpt-4o", object: "model", created: 1715367049, owned_by: "openai" }],
    });
    expect(encodeOpenAIModelList([])).toEqual({ object: "list", data: [] });
  });
});
