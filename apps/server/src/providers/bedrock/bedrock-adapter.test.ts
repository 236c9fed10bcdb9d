import { GatewayError, type IrChatRequest } from "@gatehouse/protocol";
import { describe, expect, it } from "vitest";
import type { UpstreamTarget } from "../upstream-target.js";
import { bedrockAdapter } from "./bedrock-adapter.js";
import { signAwsRequest } from "./sign-aws-request.js";

const MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
const NOW = Date.UTC(2025, 0, 2, 3, 4, 5);
const KEYS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };

function target(over: Partial<UpstreamTarget> = {}): UpstreamTarget {
  return {
    id: "p1",
    name: "aws",
    kind: "bedrock",
    origin: "https://bedrock-runtime.eu-west-1.amazonaws.com",
    basePath: "",
    headers: { "content-type": "application/json" },
    credentials: KEYS,
    config: {},
    ...over,
  };
}

const ir = (stream: boolean, extra: Partial<IrChatRequest> = {}): IrChatRequest => ({
  model: "m",
  system: [{ type: "text", text: "Be terse." }],
  messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }],
  maxTokens: 100,
  stream,
  ...extra,
});

describe("bedrockAdapter.chatRequest", () => {
  it("posts a Converse body to /model/{encoded id}/converse, signed for the endpoint's region", () => {
    const up = bedrockAdapter.chatRequest(ir(false), MODEL, target(), NOW);
    expect(up.path).toBe("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse");
    expect(JSON.parse(up.body as string)).toEqual({
      messages: [{ role: "user", content: [{ text: "Hi" }] }],
      system: [{ text: "Be terse." }],
      inferenceConfig: { maxTokens: 100 },
    });
    expect(up.headers["x-amz-date"]).toBe("20250102T030405Z");
    const expected = signAwsRequest({
      method: "POST",
      host: "bedrock-runtime.eu-west-1.amazonaws.com",
      path: up.path,
      headers: { "content-type": "application/json" },
      body: up.body,
      region: "eu-west-1",
      service: "bedrock",
      credentials: KEYS,
      now: NOW,
    });
    expect(up.headers).toEqual({ "content-type": "application/json", ...expected.headers });
    expect(up.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20250102\/eu-west-1\/bedrock\/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
  });

  it("streams from /converse-stream, signs the session token, and takes the region from config", () => {
    const t = target({
      origin: "http://127.0.0.1:4567",
      credentials: { ...KEYS, sessionToken: "FQoGZXIvYXdzEXAMPLE" },
      config: { region: "us-west-2" },
    });
    const up = bedrockAdapter.chatRequest(ir(true), MODEL, t, NOW);
    expect(up.path).toBe("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream");
    expect(up.headers["x-amz-security-token"]).toBe("FQoGZXIvYXdzEXAMPLE");
    expect(up.headers.authorization).toContain("/us-west-2/bedrock/aws4_request");
    expect(up.headers.authorization).toContain("x-amz-date;x-amz-security-token,");
  });

  it("sends a Bedrock API key as a Bearer token, unsigned", () => {
    const up = bedrockAdapter.chatRequest(
      ir(false),
      MODEL,
      target({ credentials: { apiKey: "ABSK-key" } }),
      NOW,
    );
    expect(up.headers).toEqual({ "content-type": "application/json", authorization: "Bearer ABSK-key" });
  });

  it("refuses to send without credentials, or without a region to sign for", () => {
    const noKeys = () => bedrockAdapter.chatRequest(ir(false), MODEL, target({ credentials: {} }), NOW);
    expect(noKeys).toThrow(GatewayError);
    expect(noKeys).toThrow(/no AWS credentials/);
    const noRegion = () =>
      bedrockAdapter.chatRequest(ir(false), MODEL, target({ origin: "http://127.0.0.1:1" }), NOW);
    expect(noRegion).toThrow(/needs a region/);
  });

  it("answers a web image URL with a 400 (Bedrock needs bytes; URLs are not fetched yet)", () => {
    const withUrl = ir(false, {
      messages: [
        {
          role: "user",
          content: [{ type: "image", source: { kind: "url", url: "https://x.test/cat.png" } }],
        },
      ],
    });
    try {
      bedrockAdapter.chatRequest(withUrl, MODEL, target(), NOW);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(GatewayError);
      expect((err as GatewayError).status).toBe(400);
    }
  });
});

describe("bedrockAdapter answers", () => {
  it("decodes a Converse answer and a throttling error", () => {
    const answer = bedrockAdapter.decodeResponse({
      output: { message: { role: "assistant", content: [{ text: "Hello" }] } },
      stopReason: "end_turn",
      usage: { inputTokens: 3, outputTokens: 1, totalTokens: 4 },
    });
    expect(answer.content).toEqual([{ type: "text", text: "Hello" }]);
    const err = bedrockAdapter.decodeError(
      429,
      '{"message":"Too many requests"}',
      { "x-amzn-errortype": "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/" },
      NOW,
    );
    expect(err.code).toBe("upstream_rate_limited");
  });

  it("has no passthrough (no client speaks Bedrock)", () => {
    expect(() => bedrockAdapter.passthroughRequest(Buffer.from("{}"), MODEL, false, target(), NOW)).toThrow(
      GatewayError,
    );
  });
});
