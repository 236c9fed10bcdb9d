import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors/gateway-error.js";
import { decodeOpenAIRequest, decodeOpenAIRequestWithWarnings } from "./decode-openai-request.js";

const minimal = { model: "gpt-4o", messages: [{ role: "user", content: "Hi" }] };

function rejects(body: unknown): GatewayError {
  try {
    decodeOpenAIRequest(body);
  } catch (err) {
    expect(err).toBeInstanceOf(GatewayError);
    return err as GatewayError;
  }
  throw new Error("expected decodeOpenAIRequest to throw");
}

describe("decodeOpenAIRequestWithWarnings on features the IR cannot carry", () => {
  const audioPart = { type: "input_audio", input_audio: { data: "", format: "wav" } };
  const unmodeledCases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ["n > 1", { ...minimal, n: 2 }, "n", /greater than 1/],
    ["legacy functions", { ...minimal, functions: [{ name: "f" }] }, "functions", /legacy/],
    ["legacy function_call", { ...minimal, function_call: "auto" }, "function_call", /legacy/],
    [
      "a legacy function message",
      { model: "m", messages: [...minimal.messages, { role: "function", name: "f", content: "x" }] },
      "messages[1].role",
      /legacy/,
    ],
    [
      "an assistant function_call",
      { model: "m", messages: [{ role: "assistant", function_call: { name: "f", arguments: "{}" } }] },
      "messages[0].function_call",
      /legacy/,
    ],
    ["audio output", { ...minimal, modalities: ["text", "audio"] }, "modalities", /audio/],
    ["audio settings", { ...minimal, audio: { voice: "alloy", format: "wav" } }, "audio", /audio/],
    [
      "an audio part",
      { model: "m", messages: [{ role: "user", content: [{ type: "text", text: "hi" }, audioPart] }] },
      "messages[0].content[1].type",
      /not supported/,
    ],
    [
      "a file part",
      { model: "m", messages: [{ role: "user", content: [{ type: "file", file: { file_id: "f" } }] }] },
      "messages[0].content[0].type",
      /not supported/,
    ],
    [
      "a custom tool",
      { ...minimal, tools: [{ type: "custom", custom: { name: "x" } }] },
      "tools[0].type",
      /custom/,
    ],
    [
      "a custom tool_choice",
      { ...minimal, tool_choice: { type: "custom", custom: { name: "x" } } },
      "tool_choice.type",
      /custom/,
    ],
    [
      "a custom tool call",
      {
        model: "m",
        messages: [
          { role: "assistant", tool_calls: [{ id: "c", type: "custom", custom: { name: "x", input: "y" } }] },
        ],
      },
      "messages[0].tool_calls[0].type",
      /custom/,
    ],
  ];

  it.each(unmodeledCases)("lists %s as unmodeled and leaves it out of the IR", (_, body, param, reason) => {
    const { request, unmodeled } = decodeOpenAIRequestWithWarnings(body);
    expect(unmodeled).toEqual([{ param, reason: expect.stringMatching(reason) }]);
    expect(JSON.stringify(request)).not.toMatch(/audio|custom|function_call|"x"/);
  });

  it.each(unmodeledCases)(
    "refuses %s in the strict decoder with unsupported_parameter",
    (_, body, param, reason) => {
      const err = rejects(body);
      expect(err.code).toBe("unsupported_parameter");
      expect(err.status).toBe(400);
      expect(err.details.param).toBe(param);
      expect(err.message).toMatch(reason);
    },
  );

  it("keeps what the lenient decoder can carry beside what it cannot", () => {
    const { request, unmodeled } = decodeOpenAIRequestWithWarnings({
      model: "m",
      n: 3,
      tools: [
        { type: "custom", custom: { name: "grammar" } },
        { type: "function", function: { name: "f" } },
      ],
      messages: [{ role: "user", content: [{ type: "text", text: "hi" }, audioPart] }],
    });
    expect(request.tools?.map((t) => t.name)).toEqual(["f"]);
    expect(request.messages).toEqual([{ role: "user", content: [{ type: "text", text: "hi" }] }]);
    expect(unmodeled.map((u) => u.param)).toEqual(["n", "messages[0].content[1].type", "tools[0].type"]);
  });

  it("narrows tools to an allowed_tools choice", () => {
    const tools = ["a", "b", "c"].map((name) => ({ type: "function", function: { name } }));
    const allowed = (mode: string, names: string[]) => ({
      type: "allowed_tools",
      allowed_tools: { mode, tools: names.map((name) => ({ type: "function", function: { name } })) },
    });
    const two = decodeOpenAIRequest({ ...minimal, tools, tool_choice: allowed("auto", ["a", "c"]) });
    expect(two.tools?.map((t) => t.name)).toEqual(["a", "c"]);
    expect(two.toolChoice).toEqual({ type: "auto" });
    const one = decodeOpenAIRequest({ ...minimal, tools, tool_choice: allowed("required", ["b"]) });
    expect(one.tools?.map((t) => t.name)).toEqual(["b"]);
    expect(one.toolChoice).toEqual({ type: "tool", name: "b" });
    const err = rejects({ ...minimal, tools, tool_choice: allowed("auto", ["zz"]) });
    expect(err.details.param).toBe("tool_choice.allowed_tools.tools[0].function.name");
  });
});
