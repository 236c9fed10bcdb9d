// Valid requests of the three surfaces Gatehouse speaks, the bodies the fuzzer mutates, and where in each
// the structure is (tools, messages, contents, system) for wrong-type mutations.
// OpenAI chat completions: https://platform.openai.com/docs/api-reference/chat/create
// Anthropic messages: https://docs.anthropic.com/en/api/messages (tool_use / tool_result blocks:
// https://docs.anthropic.com/en/docs/build-with-claude/tool-use)
// Gemini generateContent: https://ai.google.dev/api/generate-content (functionCall / functionResponse
// parts: https://ai.google.dev/gemini-api/docs/function-calling)

const WEATHER = "Get the current weather in a city.";
const CITY_SCHEMA = { type: "object", properties: { city: { type: "string" } }, required: ["city"] };

function openaiBody(model, stream) {
  const body = {
    model,
    messages: [
      { role: "system", content: "You are a helpful assistant." },
      { role: "user", content: "What is the weather in Paris?" },
      {
        role: "assistant",
        content: null,
        tool_calls: [
          {
            id: "call_1",
            type: "function",
            function: { name: "get_weather", arguments: '{"city":"Paris"}' },
          },
        ],
      },
      { role: "tool", tool_call_id: "call_1", content: "sunny, 21 °C" },
      { role: "user", content: [{ type: "text", text: "And tomorrow?" }] },
    ],
    tools: [
      { type: "function", function: { name: "get_weather", description: WEATHER, parameters: CITY_SCHEMA } },
    ],
    tool_choice: "auto",
    max_tokens: 64,
    temperature: 0.5,
    top_p: 1,
  };
  if (stream) Object.assign(body, { stream: true, stream_options: { include_usage: true } });
  return body;
}

function anthropicBody(model, stream) {
  const body = {
    model,
    max_tokens: 64,
    system: [{ type: "text", text: "You are a helpful assistant." }],
    messages: [
      { role: "user", content: "What is the weather in Paris?" },
      {
        role: "assistant",
        content: [{ type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } }],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "toolu_1", content: "sunny, 21 °C" },
          { type: "text", text: "And tomorrow?" },
        ],
      },
    ],
    tools: [{ name: "get_weather", description: WEATHER, input_schema: CITY_SCHEMA }],
    tool_choice: { type: "auto" },
    temperature: 0.5,
  };
  if (stream) body.stream = true;
  return body;
}

function geminiBody() {
  return {
    contents: [
      { role: "user", parts: [{ text: "What is the weather in Paris?" }] },
      { role: "model", parts: [{ functionCall: { name: "get_weather", args: { city: "Paris" } } }] },
      {
        role: "user",
        parts: [
          { functionResponse: { name: "get_weather", response: { result: "sunny, 21 °C" } } },
          { text: "And tomorrow?" },
        ],
      },
    ],
    systemInstruction: { parts: [{ text: "You are a helpful assistant." }] },
    tools: [
      { functionDeclarations: [{ name: "get_weather", description: WEATHER, parameters: CITY_SCHEMA }] },
    ],
    generationConfig: { maxOutputTokens: 64, temperature: 0.5, topP: 1 },
  };
}

/**
 * The surfaces: path, key header, a valid body (`stream` on the two that stream on the same path), the
 * paths (dot-separated, "" = the whole body) whose values a wrong-type mutation replaces, and numeric ones.
 */
export const SURFACES = {
  openai: {
    path: () => "/v1/chat/completions",
    headers: (key) => ({ authorization: `Bearer ${key}` }),
    body: (model, stream) => openaiBody(model, stream),
    structure: [
      ...["", "model", "messages", "messages.0", "messages.0.role", "messages.1.content", "messages.2"],
      ...[
        "messages.2.tool_calls",
        "messages.2.tool_calls.0.function",
        "messages.2.tool_calls.0.function.arguments",
      ],
      ...[
        "messages.3.tool_call_id",
        "messages.4.content",
        "messages.4.content.0",
        "messages.4.content.0.text",
      ],
      ...["tools", "tools.0", "tools.0.function", "tools.0.function.name", "tools.0.function.parameters"],
      ...["tool_choice", "stream", "stream_options"],
    ],
    numbers: ["max_tokens", "temperature", "top_p", "n", "messages.1.content"],
  },
  anthropic: {
    path: () => "/v1/messages",
    headers: (key) => ({ "x-api-key": key, "anthropic-version": "2023-06-01" }),
    body: (model, stream) => anthropicBody(model, stream),
    structure: [
      ...["", "model", "system", "system.0", "system.0.text", "messages", "messages.0", "messages.0.role"],
      ...["messages.0.content", "messages.1.content", "messages.1.content.0", "messages.1.content.0.input"],
      ...[
        "messages.2.content",
        "messages.2.content.0",
        "messages.2.content.0.content",
        "messages.2.content.0.tool_use_id",
      ],
      ...["tools", "tools.0", "tools.0.name", "tools.0.input_schema", "tool_choice", "stream"],
    ],
    numbers: ["max_tokens", "temperature", "top_k", "messages.0.content"],
  },
  gemini: {
    path: (model) => `/v1beta/models/${model}:generateContent`,
    headers: (key) => ({ "x-goog-api-key": key }),
    body: () => geminiBody(),
    structure: [
      ...["", "contents", "contents.0", "contents.0.role", "contents.0.parts", "contents.0.parts.0"],
      ...[
        "contents.0.parts.0.text",
        "contents.1.parts.0.functionCall",
        "contents.1.parts.0.functionCall.args",
      ],
      ...["contents.2.parts.0.functionResponse", "contents.2.parts.0.functionResponse.response"],
      ...["systemInstruction", "systemInstruction.parts", "systemInstruction.parts.0.text"],
      ...["tools", "tools.0", "tools.0.functionDeclarations", "tools.0.functionDeclarations.0.parameters"],
      ...["generationConfig"],
    ],
    numbers: ["generationConfig.maxOutputTokens", "generationConfig.temperature", "generationConfig.topP"],
  },
};
