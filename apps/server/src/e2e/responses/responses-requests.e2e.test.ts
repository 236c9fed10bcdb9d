import { fakeReplyText } from "@gatehouse/test-support";
import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { UPSTREAMS, useMatrix } from "../matrix/use-matrix.js";
import { codexRequest } from "./testing/codex-request.js";

const m = useMatrix();

function post(path: string, body: unknown, key: string | undefined = m.gw.key): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (key !== undefined) headers.authorization = `Bearer ${key}`;
  return fetch(`${m.gw.url}${path}`, { method: "POST", headers, body: JSON.stringify(body) });
}

async function usageOf(res: Response) {
  await m.gw.app.runtime.usage.flush();
  return m.gw.store.usage.get(m.gw.tenant.id, res.headers.get("x-gatehouse-request-id") ?? "");
}

/** The SSE events of a body, parsed: event name and JSON data. */
function eventsOf(text: string): Array<{ event: string; data: Record<string, unknown> }> {
  return text
    .split("\n\n")
    .filter((block) => block.trim() !== "")
    .map((block) => {
      const lines = block.split("\n");
      const event = lines.find((l) => l.startsWith("event: "))!.slice("event: ".length);
      const data = JSON.parse(lines.find((l) => l.startsWith("data: "))!.slice("data: ".length));
      return { event, data };
    });
}

describe("POST /v1/responses", () => {
  it("records the request's usage under the surface 'responses'", async () => {
    const up = m.cell("openai", "anthropic").up;
    const res = await post("/v1/responses", { model: up.model, input: "Say hello" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { id: string; output: Array<{ content: Array<{ text: string }> }> };
    expect(body.id).toMatch(/^resp_/);
    expect(body.output[0]!.content[0]!.text).toBe(fakeReplyText("anthropic", 5));
    expect(await usageOf(res)).toMatchObject({
      surface: "responses",
      status: "success",
      outputTokens: 5,
      usageEstimated: false,
    });
    const id = res.headers.get("x-gatehouse-request-id");
    const line = m.gw.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.reqId === id);
    expect(line).toMatchObject({ surface: "responses", url: "/v1/responses", status: 200 });
  });

  it("serves a Codex-style request: instructions, input items, tools, stream, store false, encrypted reasoning", async () => {
    const up = m.cell("openai", "anthropic").up;
    const res = await post("/v1/responses", { ...codexRequest(up.model, "session-1"), stream: true });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = eventsOf(await res.text());
    expect(events.map((e) => e.data.sequence_number)).toEqual(events.map((_, i) => i));
    expect(events.every((e) => e.event === e.data.type)).toBe(true);
    const done = events.at(-1)!;
    expect(done.event).toBe("response.completed");
    const response = done.data.response as { store: boolean; output: Array<Record<string, unknown>> };
    expect(response.store).toBe(false);
    const reasoning = response.output.find((o) => o.type === "reasoning")!;
    expect(reasoning.encrypted_content).toEqual(expect.any(String));
    expect(response.output.find((o) => o.type === "function_call")).toMatchObject({ name: "shell" });
    const sent = up.fake.requests[0]!.json as { system: Array<{ text: string }> | string; thinking: unknown };
    expect(JSON.stringify(sent.system)).toContain("You are Codex");
    expect(JSON.stringify(sent.system)).toContain("Sandbox: read-only.");
    expect(sent.thinking).toMatchObject({ type: "enabled" });
    expect(res.headers.get("x-gatehouse-warnings")).toContain("prompt_cache_key");
  });

  it("passes a reasoning item with its encrypted content back as the signed thinking block", async () => {
    const up = m.cell("openai", "anthropic").up;
    const res = await post("/v1/responses", {
      model: up.model,
      reasoning: { effort: "low" },
      input: [
        { role: "user", content: "Look something up" },
        {
          type: "reasoning",
          id: "rs_1",
          summary: [{ type: "summary_text", text: "I should look it up." }],
          encrypted_content: "sig-123",
        },
        { type: "function_call", call_id: "call_1", name: "lookup", arguments: '{"q":"x"}' },
        { type: "function_call_output", call_id: "call_1", output: "42 results" },
      ],
      tools: [{ type: "function", name: "lookup", parameters: { type: "object" } }],
    });
    expect(res.status).toBe(200);
    const sent = up.fake.requests[0]!.json as { messages: Array<{ role: string; content: unknown[] }> };
    expect(sent.messages[1]!.content[0]).toEqual({
      type: "thinking",
      thinking: "I should look it up.",
      signature: "sig-123",
    });
  });

  it.each(UPSTREAMS)(
    "an output cap reached (%s upstream) is an incomplete response, streamed too",
    async (upstream) => {
      const up = m.cell("openai", upstream).up;
      const body = { model: up.model, input: "Say hello", max_output_tokens: 2 };
      const whole = (await post("/v1/responses", body).then((r) => r.json())) as Record<string, unknown>;
      expect(whole).toMatchObject({
        status: "incomplete",
        incomplete_details: { reason: "max_output_tokens" },
        max_output_tokens: 2,
      });
      const events = eventsOf(await post("/v1/responses", { ...body, stream: true }).then((r) => r.text()));
      expect(events.at(-1)).toMatchObject({
        event: "response.incomplete",
        data: { response: { status: "incomplete", incomplete_details: { reason: "max_output_tokens" } } },
      });
    },
  );

  it("counts input tokens at POST /v1/responses/input_tokens without calling the upstream", async () => {
    const up = m.cell("openai", "gemini").up;
    const res = await post("/v1/responses/input_tokens", {
      model: up.model,
      instructions: "You are terse.",
      input: "Say hello to the whole wide world",
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { object: string; input_tokens: number };
    expect(body.object).toBe("response.input_tokens");
    expect(body.input_tokens).toBeGreaterThan(5);
    expect(up.fake.requests).toEqual([]);
  });
});

describe("POST /v1/responses, refused", () => {
  async function refusal(body: unknown) {
    const res = await post("/v1/responses", body);
    return { status: res.status, body: (await res.json()) as { error: Record<string, unknown> } };
  }

  it("an unknown previous_response_id: OpenAI's 400 previous_response_not_found, no upstream call", async () => {
    const up = m.cell("openai", "openai").up;
    const r = await refusal({ model: up.model, input: "Hi", previous_response_id: "resp_123" });
    expect(r.status).toBe(400);
    expect(r.body.error).toEqual({
      type: "invalid_request_error",
      param: "previous_response_id",
      code: "previous_response_not_found",
      message: "Previous response with id 'resp_123' not found.",
    });
    expect(up.fake.requests).toEqual([]);
  });

  it.each([
    ["an unknown item type", [{ type: "banana" }], "input[0].type"],
    [
      "an output without its call",
      [{ type: "function_call_output", call_id: "c9", output: "x" }],
      "input[0].call_id",
    ],
    [
      "a call without its output before the next message",
      [
        { type: "function_call", call_id: "c1", name: "f", arguments: "{}" },
        { role: "user", content: "next" },
      ],
      "input[0].call_id",
    ],
    [
      "a content part of the wrong type",
      [{ role: "user", content: [{ type: "text", text: "x" }] }],
      "input[0].content[0].type",
    ],
    ["a role that does not exist", [{ role: "robot", content: "x" }], "input[0].role"],
    ["an empty input", [], "input"],
  ])("%s: 400 naming the parameter", async (_name, input, param) => {
    const up = m.cell("openai", "openai").up;
    const r = await refusal({ model: up.model, input });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ type: "invalid_request_error", code: "invalid_request", param });
  });

  it.each(["openai", "anthropic", "gemini"] as const)(
    "a hosted tool (web_search) on a %s upstream: 400 naming the tool",
    async (upstream) => {
      const up = m.cell("openai", upstream).up;
      const r = await refusal({ model: up.model, input: "Hi", tools: [{ type: "web_search" }] });
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ code: "unsupported_parameter", param: "tools[0].type" });
      expect(r.body.error.message).toMatch(/hosts/);
      expect(up.fake.requests).toEqual([]);
    },
  );

  it("a wrong key is refused before the body is read, in OpenAI's error shape", async () => {
    const res = await fetch(`${m.gw.url}/v1/responses`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer gh_wrong" },
      body: "{not json",
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { type: "authentication_error" } });
  });

  it("a body that is not JSON: 400 in OpenAI's error shape", async () => {
    const res = await fetch(`${m.gw.url}/v1/responses`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${m.gw.key}` },
      body: "{not json",
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { type: "invalid_request_error" } });
  });

  it("the SDK sees an upstream 500 as a 5xx APIError", async () => {
    const up = m.cell("openai", "gemini").up;
    up.fake.setMode("error-500", 1);
    const client = new OpenAI({ apiKey: m.gw.key, baseURL: `${m.gw.url}/v1`, maxRetries: 0 });
    const err = await client.responses.create({ model: up.model, input: "x" }).catch((e: unknown) => e);
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBeGreaterThanOrEqual(500);
  });
});
