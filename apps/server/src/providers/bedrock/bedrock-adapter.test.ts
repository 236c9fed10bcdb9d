import { EventStreamParser, GatewayError, type IrChatRequest, type IrStreamEvent } from "@gatehouse/protocol";
import { fakeAwsRequestId, startFakeBedrock } from "@gatehouse/test-support";
import { describe, expect, it } from "vitest";
import { sendUpstream } from "../testing/send-upstream.js";
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
  const converse = {
    output: { message: { role: "assistant", content: [{ text: "Hello" }] } },
    stopReason: "end_turn",
    usage: { inputTokens: 3, outputTokens: 1, totalTokens: 4 },
  };
  const ID = "9f4e0c1a-1b2c-4d5e-8f90-123456789abc";

  it("decodes a Converse answer and a throttling error", () => {
    const answer = bedrockAdapter.decodeResponse(converse, { "x-amzn-requestid": ID });
    expect(answer.content).toEqual([{ type: "text", text: "Hello" }]);
    const err = bedrockAdapter.decodeError(
      429,
      '{"message":"Too many requests"}',
      { "x-amzn-errortype": "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/" },
      NOW,
    );
    expect(err.code).toBe("upstream_rate_limited");
  });

  it("uses the call's x-amzn-requestid as the answer's id, a made-up one only without it", () => {
    expect(bedrockAdapter.decodeResponse(converse, { "x-amzn-requestid": ID }).id).toBe(ID);
    expect(bedrockAdapter.decodeResponse(converse, {}).id).toMatch(/^bedrock-[0-9a-f-]{36}$/);
    const start = bedrockAdapter.createStreamDecoder({ "x-amzn-requestid": ID }).push({
      headers: { ":event-type": "messageStart", ":message-type": "event" },
      payload: new TextEncoder().encode('{"role":"assistant"}'),
    });
    expect(start).toMatchObject([{ type: "start", id: ID }]);
  });

  it("has no passthrough (no client speaks Bedrock)", () => {
    expect(() => bedrockAdapter.passthroughRequest(Buffer.from("{}"), MODEL, false, target(), NOW)).toThrow(
      GatewayError,
    );
  });
});

describe("bedrockAdapter against the fake Bedrock", () => {
  it("signs a Converse call the fake accepts and takes the answer's id from its x-amzn-requestid", async () => {
    const fake = await startFakeBedrock();
    try {
      // An access key id of AWS's length: the fake checks the signature's shape.
      const credentials = { ...KEYS, accessKeyId: "AKIAIOSFODNN7EXAMPLE" };
      const t = target({ origin: fake.origin, credentials, config: { region: "us-east-1" } });
      const json = await sendUpstream(t, bedrockAdapter.chatRequest(ir(false), MODEL, t, Date.now()));
      expect(json.status).toBe(200);
      const answer = bedrockAdapter.decodeResponse(json.json, json.headers);
      expect(answer.id).toBe(fakeAwsRequestId(1));
      expect(answer.content).toEqual([{ type: "text", text: "Hello from fake-bedrock lorem ipsum" }]);

      const stream = await sendUpstream(t, bedrockAdapter.chatRequest(ir(true), MODEL, t, Date.now()));
      const decoder = bedrockAdapter.createStreamDecoder(stream.headers);
      const events: IrStreamEvent[] = [];
      for (const m of new EventStreamParser().push(stream.bytes)) events.push(...decoder.push(m));
      expect(events[0]).toMatchObject({ type: "start", id: fakeAwsRequestId(2) });
      expect(events.at(-1)).toEqual({ type: "end" });
    } finally {
      await fake.close();
    }
  });
});
