import { describe, expect, it } from "vitest";
import { JSON_SCHEMA } from "./case-call.js";
import { upstreamView } from "./upstream-views.js";
import { SURFACES, type Surface, UPSTREAMS, type UpstreamKind, useMatrix } from "./use-matrix.js";

const m = useMatrix();

/** Anthropic has structured outputs (a schema) but no JSON-object mode. */
const MODES: Record<Surface, Array<"object" | "schema">> = {
  openai: ["object", "schema"],
  anthropic: ["schema"],
  gemini: ["object", "schema"],
};

/**
 * What each upstream must receive, in its own terms. OpenAI's json_object becomes, for Anthropic, a
 * forced `json_response` tool (Anthropic's documented JSON-mode recipe); Bedrock Converse has no JSON
 * output setting, so it is dropped with a warning.
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-response_format
 * @see https://docs.anthropic.com/en/docs/build-with-claude/structured-outputs
 * @see https://ai.google.dev/gemini-api/docs/structured-output
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#request-structured-outputs
 */
function expected(mode: "object" | "schema", upstream: UpstreamKind): unknown {
  const schema = mode === "schema";
  const openai = schema
    ? { type: "json_schema", json_schema: expect.objectContaining({ schema: JSON_SCHEMA }) }
    : { type: "json_object" };
  const gemini = {
    responseMimeType: "application/json",
    responseJsonSchema: schema ? JSON_SCHEMA : undefined,
  };
  const table: Record<UpstreamKind, unknown> = {
    openai,
    azure: openai,
    anthropic: schema
      ? { type: "json_schema", schema: JSON_SCHEMA }
      : expect.objectContaining({ type: "tool", name: "json_response" }),
    gemini,
    vertex: gemini,
    ollama: schema ? JSON_SCHEMA : "json",
    bedrock: undefined,
  };
  return table[upstream];
}

describe.each(SURFACES)("%s client", (surface) => {
  describe.each(UPSTREAMS)("→ %s upstream", (upstream) => {
    it.each(MODES[surface])("JSON %s output reaches the upstream as its own setting", async (mode) => {
      const { driver, up } = m.cell(surface, upstream);
      const out = await driver.run({ model: up.model, stream: false, json: mode });
      expect(out.finish).not.toBe("");
      const body = up.fake.requests[0]!.json as Record<string, unknown>;
      expect(upstreamView(upstream).jsonOutput(body)).toEqual(expected(mode, upstream));
      if (upstream === "anthropic" && mode === "object") {
        const tools = body["tools"] as Array<{ name: string }>;
        expect(tools.map((t) => t.name)).toContain("json_response");
      }
      if (upstream === "bedrock")
        expect(out.warnings).toContain(`response_format json_${mode} is not supported by bedrock`);
      else expect(out.warnings).toBe("");
    });
  });
});
