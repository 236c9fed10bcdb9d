import { describe, expect, it } from "vitest";
import { renameGeminiEmbedModel } from "./rename-gemini-embed-model.js";

const buf = (v: unknown) => Buffer.from(JSON.stringify(v));

describe("renameGeminiEmbedModel", () => {
  it("renames every batch request's model, keeping the other fields", () => {
    const raw = buf({
      requests: [
        { model: "models/public", content: { parts: [{ text: "a" }] }, taskType: "RETRIEVAL_QUERY" },
        { model: "models/public", content: { parts: [{ text: "b" }] } },
      ],
    });
    const out = JSON.parse(String(renameGeminiEmbedModel(raw, "gemini-embedding-001")));
    expect(out.requests.map((r: { model: string }) => r.model)).toEqual([
      "models/gemini-embedding-001",
      "models/gemini-embedding-001",
    ]);
    expect(out.requests[0].taskType).toBe("RETRIEVAL_QUERY");
  });

  it("renames an embedContent body's optional model and leaves one without it alone", () => {
    const named = renameGeminiEmbedModel(buf({ model: "models/x", content: { parts: [] } }), "y");
    expect(JSON.parse(String(named)).model).toBe("models/y");
    const bare = buf({ content: { parts: [{ text: "a" }] } });
    expect(renameGeminiEmbedModel(bare, "y")).toBe(bare);
  });

  it("returns the client's bytes when the names already match", () => {
    const raw = buf({ requests: [{ model: "models/m", content: { parts: [{ text: "a" }] } }] });
    expect(renameGeminiEmbedModel(raw, "m")).toBe(raw);
  });
});
