import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAIResponses } from "./fake-openai-responses.js";
import { FAKE_COMPACTION_OUTPUT_TOKENS } from "./fake-openai-responses-compact.js";
import type { FakeServer } from "./fake-server.js";

let fake: FakeServer;
let client: OpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAIResponses();
  client = new OpenAI({ apiKey: "sk-test", baseURL: fake.url, maxRetries: 0 });
});
afterAll(() => fake.close());

describe("fake OpenAI Responses API", () => {
  it("answers the official SDK with text and usage", async () => {
    const res = await client.responses.create({
      model: "gpt-5",
      instructions: "Be terse",
      input: "Say hello",
    });
    expect(res.output_text).toBe("Hello from fake-openai-responses lorem ipsum");
    expect(res.usage).toMatchObject({ input_tokens: 5, output_tokens: 5 });
  });

  it("streams a function call and a reasoning summary the SDK assembles", async () => {
    const s = client.responses.stream({
      model: "gpt-5",
      input: "please call tool",
      reasoning: { effort: "low", summary: "auto" },
      tools: [{ type: "function", name: "lookup", parameters: { type: "object" }, strict: false }],
    });
    for await (const _ of s) {
      // drained: finalResponse() reads what the events built
    }
    const final = await s.finalResponse();
    expect(final.output.map((o) => o.type)).toEqual(["reasoning", "function_call"]);
    expect(final.output[1]).toMatchObject({ name: "lookup", arguments: '{"q":"x"}' });
  });

  it("compacts a conversation for the SDK's responses.compact: user messages, then one compaction item", async () => {
    const res = await client.responses.compact({
      model: "gpt-5",
      input: [
        { role: "user", content: "first question" },
        { role: "assistant", content: "a long answer" },
        { role: "user", content: [{ type: "input_text", text: "second" }] },
      ],
    });
    expect(res.object).toBe("response.compaction");
    expect(res.output.map((o) => o.type)).toEqual(["message", "message", "compaction"]);
    expect(res.output[0]).toMatchObject({
      role: "user",
      content: [{ type: "input_text", text: "first question" }],
    });
    const compaction = res.output[2] as { encrypted_content: string };
    expect(Buffer.from(compaction.encrypted_content.split(":")[1]!, "base64").toString()).toBe(
      "a long answer",
    );
    expect(res.usage).toMatchObject({ input_tokens: 9, output_tokens: FAKE_COMPACTION_OUTPUT_TOKENS });
    await expect(client.responses.compact({ model: null })).rejects.toMatchObject({ status: 400 });
  });

  it("refuses a request without a key, as OpenAI does", async () => {
    const res = await fetch(`${fake.url}/responses`, { method: "POST", body: "{}" });
    expect(res.status).toBe(401);
  });
});
