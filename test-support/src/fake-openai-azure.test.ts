import { AzureOpenAI } from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeEmbedding } from "./fake-embedding.js";
import { startFakeOpenAI } from "./fake-openai.js";
import type { FakeServer } from "./fake-server.js";

let fake: FakeServer;
beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: "azure-key" });
});
afterAll(() => fake.close());

const messages = [{ role: "user", content: "Say hello, please" }];

function post(path: string, body: unknown, headers: Record<string, string> = { "api-key": "azure-key" }) {
  return fetch(`${fake.origin}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

describe("startFakeOpenAI: Azure OpenAI paths", () => {
  it("answers a deployment path with api-version and api-key, the model defaulting to the deployment", async () => {
    const res = await post("/openai/deployments/my-gpt/chat/completions?api-version=2024-10-21", {
      messages,
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { model: string; choices: Array<{ message: { content: string } }> };
    expect(body.model).toBe("my-gpt");
    expect(body.choices[0]!.message.content).toBe("Hello from fake-openai lorem ipsum");
  });

  it("answers the v1 path with the model from the body", async () => {
    const res = await post("/openai/v1/chat/completions", { model: "my-gpt", messages });
    expect(((await res.json()) as { model: string }).model).toBe("my-gpt");
  });

  it("answers 404 without api-version, 401 with a Bearer key or a wrong api-key", async () => {
    expect((await post("/openai/deployments/my-gpt/chat/completions", { messages })).status).toBe(404);
    const path = "/openai/deployments/my-gpt/chat/completions?api-version=2024-10-21";
    expect((await post(path, { messages }, { authorization: "Bearer azure-key" })).status).toBe(401);
    expect((await post(path, { messages }, { "api-key": "wrong" })).status).toBe(401);
  });
});

describe("startFakeOpenAI: Azure OpenAI embeddings", () => {
  it("answers the AzureOpenAI SDK at the deployment URL, in OpenAI's embeddings format", async () => {
    const client = new AzureOpenAI({
      endpoint: fake.origin,
      apiKey: "azure-key",
      apiVersion: "2024-10-21",
      deployment: "embed-prod",
      maxRetries: 0,
    });
    const res = await client.embeddings.create({ model: "ignored", input: ["a", "b"], dimensions: 3 });
    const sent = fake.requests.at(-1)!;
    expect(sent.path).toBe("/openai/deployments/embed-prod/embeddings");
    expect(sent.query["api-version"]).toBe("2024-10-21");
    expect(sent.headers["api-key"]).toBe("azure-key");
    expect(res.data.map((d) => d.embedding)).toEqual([fakeEmbedding("a", 3), fakeEmbedding("b", 3)]);
    expect(res.usage.prompt_tokens).toBeGreaterThan(0);
  });

  it("answers the v1 path with the model from the body, and the deployment path without a model", async () => {
    const v1 = await post("/openai/v1/embeddings", {
      model: "embed-prod",
      input: "a",
      encoding_format: "float",
    });
    expect(await v1.json()).toMatchObject({ object: "list", model: "embed-prod", data: [{ index: 0 }] });
    const dep = await post("/openai/deployments/embed-prod/embeddings?api-version=2024-10-21", {
      input: "a",
    });
    expect(((await dep.json()) as { model: string }).model).toBe("embed-prod");
    expect((await post("/openai/deployments/embed-prod/embeddings", { input: "a" })).status).toBe(404);
  });
});
