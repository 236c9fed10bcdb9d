import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors/gateway-error.js";
import { decodeAnthropicRequest, decodeAnthropicRequestWithWarnings } from "./decode-anthropic-request.js";

const base = { model: "claude-sonnet-4-5", max_tokens: 1024, messages: [{ role: "user", content: "Hi" }] };

function decodeError(body: unknown): GatewayError {
  try {
    decodeAnthropicRequest(body);
  } catch (err) {
    if (err instanceof GatewayError) return err;
    throw err;
  }
  throw new Error("expected a GatewayError");
}

describe("decodeAnthropicRequestWithWarnings on features the IR cannot carry", () => {
  const user = (content: unknown[]) => ({ ...base, messages: [{ role: "user", content }] });
  const unmodeledCases: Array<[string, Record<string, unknown>, string]> = [
    [
      "a server tool",
      { ...base, tools: [{ type: "web_search_20250305", name: "web_search" }] },
      "tools.0.type",
    ],
    ["a bash tool", { ...base, tools: [{ type: "bash_20250124", name: "bash" }] }, "tools.0.type"],
    [
      "a text editor tool",
      { ...base, tools: [{ type: "text_editor_20250728", name: "str_replace_based_edit_tool" }] },
      "tools.0.type",
    ],
    [
      "a code execution tool",
      { ...base, tools: [{ type: "code_execution_20250825", name: "code_execution" }] },
      "tools.0.type",
    ],
    [
      "a document block",
      user([{ type: "document", source: { type: "text", media_type: "text/plain", data: "x" } }]),
      "messages.0.content.0.type",
    ],
    [
      "a Files API image",
      user([{ type: "image", source: { type: "file", file_id: "f" } }]),
      "messages.0.content.0.source.type",
    ],
    [
      "a search result inside a tool result",
      user([
        {
          type: "tool_result",
          tool_use_id: "t",
          content: [{ type: "search_result", source: "s", title: "t", content: [] }],
        },
      ]),
      "messages.0.content.0.content.0.type",
    ],
    [
      "a server tool block in an assistant turn",
      {
        ...base,
        messages: [
          ...base.messages,
          {
            role: "assistant",
            content: [{ type: "server_tool_use", id: "s", name: "web_search", input: {} }],
          },
        ],
      },
      "messages.1.content.0.type",
    ],
  ];

  it.each(unmodeledCases)(
    "lists %s as unmodeled, leaves it out, and the strict decoder refuses it",
    (_, body, param) => {
      const { request, unmodeled, warnings } = decodeAnthropicRequestWithWarnings(body);
      expect(unmodeled).toEqual([{ param, reason: expect.stringMatching(/not supported/) }]);
      expect(warnings).toEqual([]);
      expect(JSON.stringify(request)).not.toMatch(
        /web_search|bash|document|search_result|file_id|str_replace|code_execution/,
      );
      const err = decodeError(body);
      expect(err.code).toBe("unsupported_parameter");
      expect(err.details.param).toBe(param);
      expect(err.message).toContain(param);
    },
  );

  it("keeps the client tools next to a server tool", () => {
    const { request, unmodeled } = decodeAnthropicRequestWithWarnings({
      ...base,
      tools: [
        { type: "web_search_20250305", name: "web_search" },
        { name: "f", input_schema: { type: "object" } },
      ],
    });
    expect(request.tools).toEqual([{ name: "f", parameters: { type: "object" } }]);
    expect(unmodeled.map((u) => u.param)).toEqual(["tools.0.type"]);
  });

  it("lists mcp_servers, container and context_management, which the strict decoder still lets through", () => {
    const body = {
      ...base,
      mcp_servers: [{ type: "url", url: "https://mcp.example.com", name: "x" }],
      container: "container_1",
      context_management: { edits: [{ type: "clear_tool_uses_20250919" }] },
    };
    expect(decodeAnthropicRequestWithWarnings(body).unmodeled.map((u) => u.param)).toEqual([
      "mcp_servers",
      "container",
      "context_management",
    ]);
    expect(decodeAnthropicRequest(body).messages).toHaveLength(1);
  });

  it.each([
    [{ ...base, tools: [{ type: 7, name: "x" }] }, "tools.0.type"],
    [user([{ type: "image", source: { type: "file" } }]), "messages.0.content.0.source.file_id"],
    [user([{ type: "image", source: { type: "ftp" } }]), "messages.0.content.0.source.type"],
  ])("still refuses malformed input %# with invalid_request", (body, param) => {
    const err = decodeError(body);
    expect(err.code).toBe("invalid_request");
    expect(err.details.param).toBe(param);
  });
});
