import { describe, expect, it } from "vitest";
import { codeSnippets } from "./code-snippets";
import { chatRequestBody, DEFAULT_SETTINGS, parseTools } from "./playground-request";

const settings = {
  ...DEFAULT_SETTINGS,
  system: "Be brief.",
  temperature: 0.5,
  maxTokens: 100,
  stop: "END, STOP",
  jsonMode: true,
  tools: '[{"type":"function","function":{"name":"f"}}]',
};

describe("the playground's request", () => {
  it("sends only the settings that are set, streaming with usage in the final chunk", () => {
    expect(chatRequestBody("m", DEFAULT_SETTINGS, [{ role: "user", content: "Hi" }])).toEqual({
      model: "m",
      messages: [{ role: "user", content: "Hi" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const body = chatRequestBody("m", settings, [{ role: "user", content: "Hi" }], false);
    expect(body).toMatchObject({
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hi" },
      ],
      temperature: 0.5,
      max_tokens: 100,
      stop: ["END", "STOP"],
      response_format: { type: "json_object" },
      tools: [{ type: "function", function: { name: "f" } }],
    });
    expect(body).not.toHaveProperty("stream");
  });

  it("replays tool calls and tool answers in OpenAI's shape", () => {
    const body = chatRequestBody("m", DEFAULT_SETTINGS, [
      { role: "user", content: "Weather?" },
      { role: "assistant", content: "", toolCalls: [{ id: "c1", name: "f", arguments: '{"q":1}' }] },
      { role: "tool", content: "sunny", toolCallId: "c1" },
    ]);
    expect(body.messages).toEqual([
      { role: "user", content: "Weather?" },
      {
        role: "assistant",
        content: null,
        tool_calls: [{ id: "c1", type: "function", function: { name: "f", arguments: '{"q":1}' } }],
      },
      { role: "tool", tool_call_id: "c1", content: "sunny" },
    ]);
  });

  it("explains tools that are not a JSON array of objects", () => {
    expect(parseTools("  ")).toBeUndefined();
    expect(parseTools("{")).toBeInstanceOf(Error);
    expect(parseTools("[1]")).toBeInstanceOf(Error);
    expect(parseTools("[{}]")).toEqual([{}]);
  });
});

describe("view as code", () => {
  const snippets = codeSnippets("https://gw.example", "openai/gpt-4o", settings, [
    { role: "user", content: "It's" },
  ]);
  const code = (id: string) => snippets.find((s) => s.id === id)!.code;

  it("targets this gateway's three APIs with a key placeholder", () => {
    expect(code("curl")).toContain("curl https://gw.example/v1/chat/completions");
    expect(code("curl")).toContain("It'\\''s"); // a quote inside the single-quoted body
    expect(code("openai-python")).toContain('base_url="https://gw.example/v1"');
    expect(code("openai-python")).toContain('"response_format": {');
    expect(code("anthropic")).toContain('base_url="https://gw.example"');
    expect(code("anthropic")).toContain('system="Be brief."');
    expect(code("gemini")).toContain("generate_content");
    for (const s of snippets) expect(s.code).toMatch(/GATEHOUSE_API_KEY/);
  });

  it("writes Python literals outside strings only", () => {
    const py = codeSnippets("https://gw.example", "m", { ...DEFAULT_SETTINGS, jsonMode: true }, [
      { role: "user", content: "say true or null" },
    ]);
    const text = py.find((s) => s.id === "openai-python")!.code;
    expect(text).toContain('"say true or null"');
    expect(text).not.toMatch(/: (true|false|null)\b/);
  });
});
