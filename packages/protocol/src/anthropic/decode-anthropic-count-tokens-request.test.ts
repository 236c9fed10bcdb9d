import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors/gateway-error.js";
import {
  decodeAnthropicCountTokensRequest,
  decodeAnthropicCountTokensRequestWithWarnings,
} from "./decode-anthropic-count-tokens-request.js";
import { encodeAnthropicCountTokensResponse } from "./encode-anthropic-count-tokens-response.js";

describe("decodeAnthropicCountTokensRequest", () => {
  it("decodes a Messages body without max_tokens, never streaming", () => {
    const ir = decodeAnthropicCountTokensRequest({
      model: "claude-sonnet-4-5",
      system: "You are a scientist",
      messages: [{ role: "user", content: "Hello, Claude" }],
      tools: [{ name: "f", input_schema: { type: "object" } }],
      stream: true,
    });
    expect(ir).toEqual({
      model: "claude-sonnet-4-5",
      system: [{ type: "text", text: "You are a scientist" }],
      messages: [{ role: "user", content: [{ type: "text", text: "Hello, Claude" }] }],
      tools: [{ name: "f", parameters: { type: "object" } }],
      stream: false,
    });
  });

  it("still validates the body", () => {
    expect(() => decodeAnthropicCountTokensRequest({ model: "m", messages: "hi" })).toThrow(GatewayError);
  });

  it("answers in Anthropic's shape", () => {
    expect(encodeAnthropicCountTokensResponse(2095)).toEqual({ input_tokens: 2095 });
  });

  it("lists a server tool as unmodeled in the lenient decoder and refuses it in the strict one", () => {
    const body = {
      model: "claude-sonnet-4-5",
      messages: [{ role: "user", content: "Hi" }],
      tools: [{ type: "web_search_20250305", name: "web_search" }],
    };
    const { request, unmodeled } = decodeAnthropicCountTokensRequestWithWarnings(body);
    expect(request.tools).toBeUndefined();
    expect(unmodeled.map((u) => u.param)).toEqual(["tools.0.type"]);
    expect(() => decodeAnthropicCountTokensRequest(body)).toThrow(GatewayError);
  });
});
