import { describe, expect, it } from "vitest";
import { KIND_SPECS, secretsBody } from "./provider-kinds";

describe("provider kinds", () => {
  it("sends the API key apart and the other secrets under credentials, leaving blanks out", () => {
    expect(secretsBody({ apiKey: "sk-1", accessKeyId: " " })).toEqual({ apiKey: "sk-1" });
    expect(secretsBody({ accessKeyId: "AKIA", secretAccessKey: "s", sessionToken: "" })).toEqual({
      credentials: { accessKeyId: "AKIA", secretAccessKey: "s" },
    });
    expect(secretsBody({})).toEqual({});
  });
  it("asks Bedrock for a region and Vertex AI for a location, whose base URLs follow from them", () => {
    expect(KIND_SPECS.bedrock.baseUrl).toBe("optional");
    expect(KIND_SPECS.bedrock.settings.map((s) => s.key)).toContain("region");
    expect(KIND_SPECS.vertex.settings.find((s) => s.key === "location")?.required).toBe(true);
    expect(KIND_SPECS.ollama.secrets).toEqual([]);
  });
});
