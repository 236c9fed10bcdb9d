import { type FakeServer, startFakeBedrock, startFakeOllama } from "@gatehouse/test-support";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PNG_1X1, startTestImageServer, type TestImageServer } from "../media/test-image-server.js";
import { startTestGateway, type TestGateway } from "../testing/start-test-gateway.js";

// biome-ignore lint/suspicious/noExplicitAny: recorded upstream bodies are read loosely, only in assertions
type Json = Record<string, any>;

const BEDROCK_MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
let images: TestImageServer;
let ollama: FakeServer;
let bedrock: FakeServer;
/** Image URLs may reach 127.0.0.1 (the test override), images up to 4 KiB. */
let open: TestGateway;
/** The default: image URLs are never fetched from private addresses. */
let guarded: TestGateway;
/** GATEHOUSE_BLOCK_PRIVATE_UPSTREAMS=1: the fakes on 127.0.0.1 become unreachable. */
let strict: TestGateway;

beforeAll(async () => {
  images = await startTestImageServer();
  ollama = await startFakeOllama();
  bedrock = await startFakeBedrock();
  const providers = [
    { name: "up-ollama", kind: "ollama", baseUrl: ollama.url, models: ["llama3.2"] },
    {
      name: "up-bedrock",
      kind: "bedrock",
      baseUrl: bedrock.url,
      // AWS's documented example keys; the fake checks the SigV4 shape.
      credentials: {
        accessKeyId: "AKIAIOSFODNN7EXAMPLE",
        secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      },
      config: { region: "us-east-1" },
      models: [BEDROCK_MODEL],
    },
  ];
  const common = { providers, retryPolicy: { maxAttempts: 1 } };
  open = await startTestGateway({ ...common, imageFetch: { allowPrivate: true, maxBytes: 4096 } });
  guarded = await startTestGateway(common);
  strict = await startTestGateway({ ...common, blockPrivateUpstreams: true });
});
afterAll(async () => {
  await open?.close();
  await guarded?.close();
  await strict?.close();
  for (const s of [ollama, bedrock, images]) await s?.close();
});

function clientOf(gw: TestGateway): OpenAI {
  return new OpenAI({ apiKey: gw.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
}

function ask(model: string, url: string, stream = false) {
  return {
    model,
    stream,
    messages: [
      { role: "system" as const, content: "Describe images." },
      {
        role: "user" as const,
        content: [
          { type: "text" as const, text: "What is this?" },
          { type: "image_url" as const, image_url: { url } },
        ],
      },
    ],
  };
}

/** POSTs an OpenAI chat body; returns the status, the body text and, when it is JSON, the parsed body. */
async function post(gw: TestGateway, body: unknown): Promise<{ status: number; text: string; json: Json }> {
  const res = await fetch(`${gw.url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${gw.key}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const json = res.headers.get("content-type")?.startsWith("application/json")
    ? (JSON.parse(text) as Json)
    : {};
  return { status: res.status, text, json };
}

const PNG_B64 = PNG_1X1.toString("base64");

describe("image URLs to upstreams that need bytes", () => {
  it("an OpenAI client's image_url reaches Ollama as base64 bytes", async () => {
    ollama.requests.length = 0;
    const out = await clientOf(open).chat.completions.create({
      ...ask("llama3.2", `${images.origin}/cat.png`),
      stream: false,
    });
    expect(out.choices[0]!.message.content).toMatch(/^Hello from fake-ollama/);
    const sent = ollama.requests[0]!.json as Json;
    const user = sent.messages.find((m: Json) => m.role === "user");
    expect(user.images).toEqual([PNG_B64]);
    expect(user.content).toBe("What is this?");
  });

  it("an OpenAI client's image_url reaches Bedrock as image bytes, streaming too", async () => {
    for (const stream of [false, true]) {
      bedrock.requests.length = 0;
      const res = await post(open, ask(BEDROCK_MODEL, `${images.origin}/hop/2`, stream));
      expect(res.status).toBe(200);
      expect(res.text).toContain(stream ? "data: [DONE]" : "Hello from fake-bedrock");
      const sent = bedrock.requests[0]!.json as Json;
      expect(sent.messages[0].content).toContainEqual({
        image: { format: "png", source: { bytes: PNG_B64 } },
      });
    }
  });

  it("an image that is too large is the client's 400, before any upstream call", async () => {
    ollama.requests.length = 0;
    const { status, json } = await post(open, ask("llama3.2", `${images.origin}/stream.png?kb=8`));
    expect(status).toBe(400);
    expect(json.error).toMatchObject({ type: "invalid_request_error", param: "messages[0].content[1]" });
    expect(json.error.message).toContain("larger than 4096 bytes");
    expect(ollama.requests).toHaveLength(0);
  });

  it("a URL that is not an image is the client's 400", async () => {
    const { status, json } = await post(open, ask(BEDROCK_MODEL, `${images.origin}/page.html`));
    expect(status).toBe(400);
    expect(json.error.message).toContain("content type text/html is not an image");
  });

  it("a URL that answers 404 is the client's 400 naming the status", async () => {
    const { status, json } = await post(open, ask("llama3.2", `${images.origin}/missing`));
    expect(status).toBe(400);
    expect(json.error.message).toBe("messages[0].content[1]: could not fetch the image (status 404).");
  });
});

describe("the SSRF guard on client image URLs (no override)", () => {
  it.each([
    ["loopback", () => `${images.origin}/cat.png`],
    ["cloud metadata", () => "http://169.254.169.254/latest/meta-data/iam/security-credentials/"],
    ["a private network", () => "http://10.0.0.1/cat.png"],
    ["IPv4-mapped loopback", () => `http://[::ffff:127.0.0.1]:${new URL(images.origin).port}/cat.png`],
  ])("refuses %s with a 400 in the OpenAI shape, before any upstream call", async (_name, urlOf) => {
    ollama.requests.length = 0;
    const hits = images.hits.length;
    const { status, json } = await post(guarded, ask("llama3.2", urlOf()));
    expect(status).toBe(400);
    expect(json.error).toMatchObject({ type: "invalid_request_error", param: "messages[0].content[1]" });
    expect(json.error.message).toContain("private or reserved network address");
    expect(ollama.requests).toHaveLength(0);
    expect(images.hits.length).toBe(hits);
  });

  it("answers an Anthropic client in its own error shape", async () => {
    bedrock.requests.length = 0;
    const res = await fetch(`${guarded.url}/v1/messages`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-api-key": guarded.key,
        "anthropic-version": "2023-06-01",
      },
      body: JSON.stringify({
        model: BEDROCK_MODEL,
        max_tokens: 16,
        messages: [
          {
            role: "user",
            content: [
              { type: "image", source: { type: "url", url: "http://169.254.169.254/latest/meta-data/" } },
            ],
          },
        ],
      }),
    });
    expect(res.status).toBe(400);
    const json = (await res.json()) as Json;
    expect(json).toMatchObject({ type: "error", error: { type: "invalid_request_error" } });
    expect(json.error.message).toContain("private or reserved network address");
    expect(bedrock.requests).toHaveLength(0);
  });
});

describe("GATEHOUSE_BLOCK_PRIVATE_UPSTREAMS", () => {
  it("is off by default: a provider on 127.0.0.1 (local Ollama) is served", async () => {
    const { status } = await post(guarded, {
      model: "llama3.2",
      messages: [{ role: "user", content: "hi" }],
    });
    expect(status).toBe(200);
  });

  it("when on, refuses a provider at a private address at connect time with a 502 naming the setting", async () => {
    ollama.requests.length = 0;
    const { status, json } = await post(strict, {
      model: "llama3.2",
      messages: [{ role: "user", content: "hi" }],
    });
    expect(status).toBe(502);
    expect(json.error.message).toBe(
      "Upstream provider 'up-ollama' is at a private or reserved address, which GATEHOUSE_BLOCK_PRIVATE_UPSTREAMS forbids (GATEHOUSE_SSRF_BLOCKED).",
    );
    expect(ollama.requests).toHaveLength(0);
  });
});
