import { describe, expect, it } from "vitest";
import { modelSettingDefaults } from "../../store/model-settings.js";
import type { Model } from "../../store/store-types.js";
import { checkOpenAIChatBody } from "./check-openai-chat-body.js";

function model(extra: Partial<Model> = {}): Model {
  return {
    ...modelSettingDefaults(),
    id: "mdl_1",
    tenantId: "ten_1",
    name: "small",
    inputPricePerMTok: 0,
    outputPricePerMTok: 0,
    contextWindow: null,
    maxOutputTokens: null,
    createdAt: 0,
    ...extra,
  };
}

const body = (extra: Record<string, unknown> = {}) => ({
  model: "small",
  messages: [{ role: "user", content: "Hi" }],
  ...extra,
});

function paramOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (err) {
    return `${(err as { code: string }).code}:${(err as { details: { param?: string } }).details.param}`;
  }
  return undefined;
}

describe("checkOpenAIChatBody", () => {
  it("refuses from top-level fields what the model is set not to have", () => {
    const none = model({ capabilities: { tools: false, json: false, reasoning: false, vision: false } });
    const tool = { type: "function", function: { name: "f" } };
    expect(paramOf(() => checkOpenAIChatBody(body({ tools: [tool] }), none))).toBe(
      "unsupported_parameter:tools",
    );
    expect(paramOf(() => checkOpenAIChatBody(body({ functions: [{ name: "f" }] }), none))).toBe(
      "unsupported_parameter:functions",
    );
    expect(paramOf(() => checkOpenAIChatBody(body({ response_format: { type: "json_object" } }), none))).toBe(
      "unsupported_parameter:response_format",
    );
    expect(paramOf(() => checkOpenAIChatBody(body({ reasoning_effort: "low" }), none))).toBe(
      "unsupported_parameter:reasoning_effort",
    );
    const withImage = body({
      messages: [
        { role: "user", content: [{ type: "image_url", image_url: { url: "https://a.test/x.png" } }] },
      ],
    });
    expect(paramOf(() => checkOpenAIChatBody(withImage, none))).toBe("unsupported_parameter:messages");
    expect(
      checkOpenAIChatBody(
        body({ tools: [], reasoning_effort: "none", response_format: { type: "text" } }),
        none,
      ),
    ).toEqual([]);
  });

  it("checks max_completion_tokens, else max_tokens, against the maximum output", () => {
    const m = model({ maxOutputTokens: 100 });
    expect(paramOf(() => checkOpenAIChatBody(body({ max_tokens: 101 }), m))).toBe(
      "unsupported_parameter:max_tokens",
    );
    expect(paramOf(() => checkOpenAIChatBody(body({ max_completion_tokens: 101, max_tokens: 5 }), m))).toBe(
      "unsupported_parameter:max_completion_tokens",
    );
    expect(
      paramOf(() => checkOpenAIChatBody(body({ max_completion_tokens: null, max_tokens: 101 }), m)),
    ).toBe("unsupported_parameter:max_tokens");
    expect(checkOpenAIChatBody(body({ max_tokens: 100 }), m)).toEqual([]);
  });

  it("estimates the prompt from the messages' text against the context window", () => {
    const m = model({ contextWindow: 10 });
    expect(checkOpenAIChatBody(body({ messages: [{ role: "user", content: "x".repeat(40) }] }), m)).toEqual(
      [],
    );
    const long = body({ messages: [{ role: "user", content: [{ type: "text", text: "x".repeat(41) }] }] });
    expect(paramOf(() => checkOpenAIChatBody(long, m))).toBe("context_length_exceeded:messages");
    expect(checkOpenAIChatBody(long, model({ contextWindow: 10, contextFallbackModel: "big" }))).toEqual([
      "long_context",
    ]);
  });
});
