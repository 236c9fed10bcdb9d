import type { IrChatRequest } from "@gatehouse/protocol";
import { describe, expect, it } from "vitest";
import type { Model } from "../domain/model.js";
import { modelSettingDefaults } from "../store/model-settings.js";
import { checkCapabilities } from "./check-capabilities.js";

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

const ir = (extra: Partial<IrChatRequest> = {}): IrChatRequest => ({
  model: "small",
  messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }],
  stream: false,
  ...extra,
});

const tools = [{ name: "f", parameters: { type: "object" } }];
const image = { type: "image" as const, source: { kind: "url" as const, url: "https://a.test/x.png" } };

function refusal(run: () => unknown) {
  try {
    run();
  } catch (err) {
    const e = err as { code: string; status: number; details: { param?: string }; message: string };
    return { code: e.code, status: e.status, param: e.details.param, message: e.message };
  }
  return undefined;
}

describe("checkCapabilities", () => {
  it("allows everything when the model says nothing, and reports what the request uses", () => {
    const request = ir({
      tools,
      responseFormat: { type: "json_object" },
      reasoning: { enabled: true, effort: "low" },
      maxTokens: 1_000_000,
      messages: [{ role: "user", content: [image] }],
    });
    expect(checkCapabilities(request, model(), 10_000_000)).toEqual(["tools", "vision", "json", "reasoning"]);
  });

  it("refuses each feature the model is set not to have, naming the parameter", () => {
    const cases: Array<[Partial<Model["capabilities"]>, Partial<IrChatRequest>, string]> = [
      [{ tools: false }, { tools }, "tools"],
      [{ vision: false }, { messages: [{ role: "user", content: [image] }] }, "messages"],
      [
        { vision: false },
        {
          messages: [
            { role: "tool", content: [{ type: "tool_result", toolCallId: "c1", content: [image] }] },
          ],
        },
        "messages",
      ],
      [
        { json: false },
        { responseFormat: { type: "json_schema", name: "x", schema: {} } },
        "response_format",
      ],
      [{ reasoning: false }, { reasoning: { enabled: true, budgetTokens: 2048 } }, "reasoning"],
    ];
    for (const [capabilities, request, param] of cases) {
      expect(refusal(() => checkCapabilities(ir(request), model({ capabilities }), 1))).toMatchObject({
        code: "unsupported_parameter",
        status: 400,
        param,
      });
    }
  });

  it("lets a request pass that does not use what the model lacks", () => {
    const none = model({ capabilities: { tools: false, vision: false, json: false, reasoning: false } });
    const request = ir({ responseFormat: { type: "text" }, reasoning: { enabled: false }, tools: [] });
    expect(checkCapabilities(request, none, 1)).toEqual([]);
  });

  it("refuses max tokens over the model's maximum output, and allows it at the maximum", () => {
    const m = model({ maxOutputTokens: 4096 });
    expect(checkCapabilities(ir({ maxTokens: 4096 }), m, 1)).toEqual([]);
    const r = refusal(() => checkCapabilities(ir({ maxTokens: 4097 }), m, 1));
    expect(r).toMatchObject({ code: "unsupported_parameter", param: "max_tokens" });
    expect(r?.message).toContain("4096");
  });

  it("refuses a prompt estimate over the context window, unless a context fallback may take it", () => {
    const m = model({ contextWindow: 1000 });
    expect(checkCapabilities(ir(), m, 1000)).toEqual([]);
    expect(refusal(() => checkCapabilities(ir(), m, 1001))).toMatchObject({
      code: "context_length_exceeded",
      status: 400,
      param: "messages",
    });
    const withFallback = model({ contextWindow: 1000, contextFallbackModel: "big" });
    expect(checkCapabilities(ir(), withFallback, 1001)).toEqual(["long_context"]);
  });
});
