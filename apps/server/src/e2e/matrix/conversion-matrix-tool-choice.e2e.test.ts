import { describe, expect, it } from "vitest";
import type { CaseToolChoice } from "./case-call.js";
import { upstreamView } from "./upstream-views.js";
import { SURFACES, UPSTREAMS, type UpstreamKind, useMatrix } from "./use-matrix.js";

const m = useMatrix();

/** Every choice a client can make; the forced tool is the second declared, so "the first" cannot pass. */
const CHOICES: CaseToolChoice[] = [
  { type: "auto" },
  { type: "none" },
  { type: "required" },
  { type: "tool", name: "fetch" },
];

/**
 * The tool choice each upstream must receive, in its own form; undefined where it has none to send.
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-tool_choice
 * @see https://docs.anthropic.com/en/api/messages#body-tool-choice
 * @see https://ai.google.dev/api/caching#FunctionCallingConfig
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ToolChoice.html
 */
function expectedChoice(upstream: UpstreamKind, c: CaseToolChoice): unknown {
  switch (upstream) {
    case "openai":
    case "azure":
      return c.type === "tool" ? { type: "function", function: { name: c.name } } : c.type;
    case "anthropic":
      if (c.type === "tool") return { type: "tool", name: c.name };
      return { type: c.type === "required" ? "any" : c.type };
    case "gemini":
    case "vertex":
      if (c.type === "tool") return { mode: "ANY", allowedFunctionNames: [c.name] };
      return { mode: { auto: "AUTO", none: "NONE", required: "ANY" }[c.type] };
    case "bedrock":
      // Converse has no "none": with no tool history the gateway sends no toolConfig at all.
      if (c.type === "none") return undefined;
      return c.type === "tool"
        ? { tool: { name: c.name } }
        : { [c.type === "required" ? "any" : "auto"]: {} };
    case "ollama":
      return undefined;
  }
}

/** Upstreams that keep "none" by sending no tools (Ollama has no tool_choice, Bedrock no "none"). */
const NONE_OMITS_TOOLS: UpstreamKind[] = ["ollama", "bedrock"];

describe.each(SURFACES)("%s client", (surface) => {
  describe.each(UPSTREAMS)("→ %s upstream", (upstream) => {
    describe.each(CHOICES)("tool choice %o", (choice) => {
      it.each([false, true])("reaches the upstream in its own form (stream: %s)", async (stream) => {
        const { driver, up } = m.cell(surface, upstream);
        const out = await driver.run({ model: up.model, stream, twoTools: true, toolChoice: choice });
        expect(out.text).toMatch(/^Hello from fake-/);

        const body = up.fake.requests[0]!.json as object;
        const view = upstreamView(upstream);
        expect(view.toolChoice(body)).toEqual(expectedChoice(upstream, choice));
        const names = view.toolNames(body);
        if (choice.type === "none" && NONE_OMITS_TOOLS.includes(upstream)) expect(names).toEqual([]);
        else expect(names).toContain("fetch");

        // Ollama cannot force a call: the tools go, the choice is dropped and the client told so.
        const forced = choice.type === "required" || choice.type === "tool";
        if (upstream === "ollama" && forced)
          expect(out.warnings).toContain("tool_choice is not supported by ollama");
        else expect(out.warnings).toBe("");
      });
    });
  });
});
