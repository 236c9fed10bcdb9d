import { GatewayError } from "@gatehouse/protocol";
import { describe, expect, it } from "vitest";
import type { ProviderKind } from "../../domain/provider.js";
import { adapterFor } from "../../providers/adapter-for.js";
import type { UpstreamTarget } from "../../providers/upstream-target.js";
import { nativeRequestOf } from "../chat/native-request-of.js";
import { responsesSurface } from "./responses-surface.js";

function target(kind: ProviderKind, config: Record<string, unknown>): UpstreamTarget {
  return {
    id: "dep_1",
    name: "up",
    kind,
    origin: "https://api.example.test",
    basePath: "/v1",
    headers: { authorization: "Bearer sk-up" },
    credentials: {},
    config,
  };
}

describe("responsesSurface", () => {
  it("answers errors in OpenAI's shape, and in-stream as the Responses API's error event", () => {
    const err = new GatewayError("invalid_request", "'input' must not be empty", { param: "input" });
    expect(responsesSurface.errors.body(err)).toEqual({
      error: {
        message: "'input' must not be empty",
        type: "invalid_request_error",
        param: "input",
        code: "invalid_request",
      },
    });
    const event = responsesSurface.errors.streamEvent(new GatewayError("upstream_timeout", "too slow"));
    expect(event.startsWith("event: error\ndata: ")).toBe(true);
    expect(JSON.parse(event.split("\n")[1]!.slice("data: ".length))).toEqual({
      type: "error",
      code: "upstream_timeout",
      message: "too slow",
      param: null,
    });
  });

  it("sends the client's bytes natively only to an openai provider configured with responsesApi", () => {
    const native = nativeRequestOf(
      responsesSurface,
      adapterFor("openai"),
      target("openai", { responsesApi: true }),
    );
    expect(native?.('{"model":"m"}', "m", false, 0)).toEqual({
      path: "/v1/responses",
      headers: { authorization: "Bearer sk-up" },
      body: '{"model":"m"}',
      warnings: [],
    });
    expect(nativeRequestOf(responsesSurface, adapterFor("openai"), target("openai", {}))).toBeUndefined();
    expect(
      nativeRequestOf(responsesSurface, adapterFor("openai"), target("openai", { responsesApi: "yes" })),
    ).toBeUndefined();
    for (const kind of ["azure", "anthropic", "gemini", "ollama", "bedrock", "vertex"] as const)
      expect(
        nativeRequestOf(responsesSurface, adapterFor(kind), target(kind, { responsesApi: true })),
      ).toBeUndefined();
  });
});
