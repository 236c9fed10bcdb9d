import type { IncomingHttpHeaders } from "node:http";
import type { GatewayError } from "@gatehouse/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Principal } from "../../domain/principal.js";
import type { Route } from "../../routing/model-catalog.js";
import type { UnsupportedParamsPolicy } from "../../store/store-types.js";
import { anthropicSurface } from "../anthropic/anthropic-surface.js";
import { readClientBody } from "../client-body.js";
import { openAISurface } from "../openai/openai-surface.js";
import { type CandidateCall, isNotViable, type NotViable } from "../pipeline/candidate-call.js";
import { UnitCatalog } from "../pipeline/testing/unit-catalog.js";
import { buildChatCall } from "./build-chat-call.js";
import type { ChatRequest } from "./chat-request.js";
import type { ChatSurface } from "./chat-surface.js";

const URL = "http://127.0.0.1:9";
/** One model per upstream kind and param policy; each has one deployment, upstream model `up-<name>`. */
const catalog = new UnitCatalog("ten_1")
  .provider("oai", "openai", `${URL}/v1`)
  .provider("az", "azure", URL)
  .provider("ant", "anthropic", URL)
  .provider("gem", "gemini", `${URL}/v1beta`)
  .model("openai-m", [{ provider: "oai", upstreamModel: "gpt-x" }])
  .model("azure-m", [{ provider: "az", upstreamModel: "prod-deploy" }])
  .model("anthropic-m", [{ provider: "ant" }])
  .model("anthropic-strict", [{ provider: "ant" }], { unsupportedParams: "refuse" })
  .model("gemini-m", [{ provider: "gem" }])
  .build();

function route(name: string): Route {
  return catalog.resolve("ten_1", name)!;
}

const PRINCIPAL: Principal = {
  kind: "api_key",
  id: "key_1",
  tenantId: "ten_1",
  workspaceId: "ws_1",
  userId: null,
  serviceAccountId: null,
  allowsModel: () => true,
};

function decode(surface: ChatSurface, body: Record<string, unknown>): ChatRequest {
  const client = readClientBody(Buffer.from(JSON.stringify(body)));
  const { ir, warnings, unmodeled } = surface.decodeChat(client.json, {
    body: client.raw,
    params: {},
    query: {},
    headers: {},
    principal: PRINCIPAL,
  });
  return { ir, warnings, unmodeled, body: client };
}

function build(
  surface: ChatSurface,
  body: Record<string, unknown>,
  model: string,
  headers: IncomingHttpHeaders = {},
): { request: ChatRequest; call: CandidateCall | NotViable } {
  const request = decode(surface, body);
  const r = route(model);
  const call = buildChatCall(
    surface,
    request,
    { irFor: () => request.ir },
    headers,
    () => 0,
  )(r.groups[0]![0]!, r);
  return { request, call };
}

const chat = (extra: Record<string, unknown> = {}) => ({
  model: "gpt-x",
  messages: [{ role: "user", content: "Hi" }],
  ...extra,
});

function viable(call: CandidateCall | NotViable): CandidateCall {
  if (isNotViable(call)) throw new Error(`not viable: ${call.notViable.message}`);
  return call;
}

describe("buildChatCall: same protocol, the client's own bytes", () => {
  it("sends an OpenAI client's bytes untouched to an OpenAI upstream of the same model name", () => {
    const { request, call } = build(openAISurface, chat({ logit_bias: { "42": 1 } }), "openai-m");
    const up = viable(call).up;
    expect(up.body).toBe(request.body.raw);
    expect(up.path).toBe("/v1/chat/completions");
    expect(up.headers.authorization).toBe("Bearer sk-unit");
  });

  it("renames only the model for another upstream name: Azure is OpenAI's protocol, at its deployment URL", () => {
    const { call } = build(openAISurface, chat({ logit_bias: { "42": 1 } }), "azure-m");
    const up = viable(call).up;
    expect(JSON.parse(String(up.body))).toEqual(chat({ model: "prod-deploy", logit_bias: { "42": 1 } }));
    expect(up.path).toBe("/openai/deployments/prod-deploy/chat/completions?api-version=2024-10-21");
    expect(up.headers["api-key"]).toBe("sk-unit");
  });

  it("passes the client headers that select API behaviour, and no other", () => {
    const body = { model: "up-anthropic-m", max_tokens: 10, messages: [{ role: "user", content: "Hi" }] };
    const headers = { "anthropic-beta": "tools-2024", authorization: "Bearer gh_client", cookie: "c=1" };
    const up = viable(build(anthropicSurface, body, "anthropic-m", headers).call).up;
    expect(up.headers["anthropic-beta"]).toBe("tools-2024");
    expect(up.headers.authorization).toBeUndefined();
    expect(up.headers.cookie).toBeUndefined();
    expect(up.headers["x-api-key"]).toBe("sk-unit");
  });

  it("takes what the IR cannot carry (n: 2) to a same-protocol upstream", () => {
    const { request, call } = build(openAISurface, chat({ n: 2 }), "openai-m");
    expect(request.unmodeled.map((u) => u.param)).toEqual(["n"]);
    expect(JSON.parse(String(viable(call).up.body)).n).toBe(2);
  });
});

describe("buildChatCall: conversion", () => {
  it("a feature the IR cannot carry makes a conversion candidate not viable, naming it", () => {
    for (const model of ["anthropic-m", "gemini-m"]) {
      const { call } = build(openAISurface, chat({ n: 2 }), model);
      expect(isNotViable(call)).toBe(true);
      const err = (call as NotViable).notViable;
      expect([err.code, err.status, err.details.param]).toEqual(["unsupported_parameter", 400, "n"]);
      expect(err.message).toContain(`'${model}'`);
    }
  });

  it("a parameter the upstream drops: a warning by default, not viable when the model refuses", () => {
    const dropped = viable(build(openAISurface, chat({ seed: 7 }), "anthropic-m").call);
    expect(dropped.up.warnings).toContain("seed is not supported by anthropic; dropped");
    expect(JSON.parse(String(dropped.up.body)).model).toBe("up-anthropic-m");
    const refused = build(openAISurface, chat({ seed: 7 }), "anthropic-strict").call;
    expect(isNotViable(refused)).toBe(true);
    expect((refused as NotViable).notViable).toMatchObject({
      code: "unsupported_parameter",
      details: { param: "seed" },
    });
  });

  it("for any request: same protocol always viable; a conversion viable unless unmodeled or refused", () => {
    const extras = fc.record(
      {
        n: fc.integer({ min: 1, max: 3 }),
        seed: fc.integer({ min: 0, max: 9 }),
        temperature: fc.double({ min: 0, max: 2, noNaN: true }),
        logprobs: fc.boolean(),
        stream: fc.boolean(),
      },
      { requiredKeys: [] },
    );
    const models = fc.constantFrom("openai-m", "azure-m", "anthropic-m", "anthropic-strict", "gemini-m");
    fc.assert(
      fc.property(extras, models, (extra, model) => {
        const { request, call } = build(openAISurface, chat(extra), model);
        const policy: UnsupportedParamsPolicy = route(model).model.unsupportedParams;
        if (model === "openai-m" || model === "azure-m") {
          expect(isNotViable(call)).toBe(false);
          return;
        }
        if (request.unmodeled.length > 0) {
          expect((call as NotViable).notViable?.details.param).toBe(request.unmodeled[0]!.param);
          return;
        }
        if (isNotViable(call)) {
          const err: GatewayError = call.notViable;
          expect(policy).toBe("refuse");
          expect(err.code).toBe("unsupported_parameter");
        } else if (policy === "refuse") expect(call.up.warnings).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
