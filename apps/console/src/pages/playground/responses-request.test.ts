import { describe, expect, it } from "vitest";
import { codeSnippets } from "./code-snippets";
import { DEFAULT_SETTINGS } from "./playground-request";
import { responsesRequestBody } from "./responses-request";

const settings = {
  ...DEFAULT_SETTINGS,
  api: "responses" as const,
  system: "Be brief.",
  temperature: 0.5,
  maxTokens: 100,
  topP: 0.9,
  stop: "END",
  jsonMode: true,
  tools: '[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}},{"type":"web_search"}]',
};

describe("the playground's Responses request", () => {
  it("sends only what is set, streaming", () => {
    expect(responsesRequestBody("m", DEFAULT_SETTINGS, [{ role: "user", content: "Hi" }])).toEqual({
      model: "m",
      input: [{ role: "user", content: "Hi" }],
      stream: true,
    });
  });

  it("maps the settings to the Responses API's names, flattens function tools, drops stop sequences", () => {
    const body = responsesRequestBody("m", settings, [{ role: "user", content: "Hi" }], false);
    expect(body).toEqual({
      model: "m",
      instructions: "Be brief.",
      input: [{ role: "user", content: "Hi" }],
      temperature: 0.5,
      max_output_tokens: 100,
      top_p: 0.9,
      text: { format: { type: "json_object" } },
      tools: [{ type: "function", name: "f", parameters: { type: "object" } }, { type: "web_search" }],
    });
  });

  it("replays tool calls as function_call items and tool answers as function_call_output", () => {
    const body = responsesRequestBody("m", DEFAULT_SETTINGS, [
      { role: "user", content: "Weather?" },
      {
        role: "assistant",
        content: "Let me see.",
        toolCalls: [{ id: "c1", name: "f", arguments: '{"q":1}' }],
      },
      { role: "tool", content: "sunny", toolCallId: "c1" },
      { role: "assistant", content: "Sunny." },
    ]);
    expect(body.input).toEqual([
      { role: "user", content: "Weather?" },
      { role: "assistant", content: "Let me see." },
      { type: "function_call", call_id: "c1", name: "f", arguments: '{"q":1}' },
      { type: "function_call_output", call_id: "c1", output: "sunny" },
      { role: "assistant", content: "Sunny." },
    ]);
  });

  it("shows client.responses.create in view as code, against /v1/responses", () => {
    const snippets = codeSnippets("https://gw.example", "gpt-5", settings, [{ role: "user", content: "Hi" }]);
    const code = (id: string) => snippets.find((s) => s.id === id)!.code;
    expect(code("curl")).toContain("curl https://gw.example/v1/responses");
    expect(code("curl")).toContain('"instructions": "Be brief."');
    expect(code("openai-python")).toContain("response = client.responses.create(**{");
    expect(code("openai-python")).toContain('"max_output_tokens": 100');
    expect(code("openai-python")).toContain("print(response.output_text)");
    expect(code("openai-js")).toContain("const response = await client.responses.create({");
    expect(code("openai-js")).toContain("console.log(response.output_text);");
    expect(code("openai-js")).not.toContain("chat.completions");
    // The other SDKs keep their own APIs.
    expect(code("anthropic")).toContain("client.messages.create(");
  });
});
