import { SseParser } from "@gatehouse/protocol";
import { type FakeServer, fakeReplyText, startFakeOpenAI } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPasswordHasher } from "../../identity/session/password-hasher.js";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { apiClient } from "./control-plane-api.js";

/**
 * Tools in chat presets (docs/chat.md, "Presets" and "Tool calls"), on the real server over HTTP with a
 * fake OpenAI that calls the first declared tool when asked to "call tool": a preset holds validated
 * tools; an answer sent with them stores the streamed tool call on its parts; a tool message answers the
 * call (checked against its parent) and the next answer gets the whole history — the assistant's
 * tool_calls, then the tool message — and answers with text. Exports show both.
 */
const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1 });
const PASSWORD = "correct horse battery staple";
const WEATHER = {
  type: "function",
  function: {
    name: "get_weather",
    description: "The weather in a city",
    parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  },
};
let fake: FakeServer;
let gw: TestGateway;
let call: ReturnType<typeof apiClient>;
let member: { token: string; key: string };
const ws = () => `/api/tenants/${gw.tenant.id}/workspaces/${gw.workspace.id}`;

beforeAll(async () => {
  fake = await startFakeOpenAI({ chunks: 3 });
  gw = await startTestGateway({
    passwordHasher: hasher,
    providers: [{ name: "openai", baseUrl: fake.url, apiKey: "sk-x", models: ["gpt-4o-mini"] }],
    chat: { flushMs: 50, pollMs: 50 },
  });
  call = apiClient(gw.url);
  const email = "owner@acme.test";
  await gw.store.users.create({
    tenantId: gw.tenant.id,
    email,
    name: email,
    role: "owner",
    passwordHash: await hasher.hash(PASSWORD),
  });
  const token = (await call("POST", "/api/auth/login", { body: { email, password: PASSWORD } })).json
    .accessToken as string;
  const key = (await call("POST", `${ws()}/playground-key`, { token })).json.secret as string;
  member = { token, key };
}, 60_000);
afterAll(async () => {
  await gw?.close();
  await fake?.close();
});

/** Waits for an answer's `end` event and returns its message. */
async function ended(conversationId: string, messageId: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${gw.url}${ws()}/conversations/${conversationId}/answers/${messageId}/events`, {
    headers: { authorization: `Bearer ${member.token}` },
  });
  const parser = new SseParser();
  for await (const chunk of res.body!) {
    for (const e of parser.push(chunk)) if (e.event === "end") return JSON.parse(e.data);
  }
  throw new Error("no end event");
}

describe("tools in chat presets", () => {
  it("stores a preset's tools and refuses bad ones in place", async () => {
    const created = await call("POST", `${ws()}/presets`, {
      token: member.token,
      body: { name: "Weather", model: "gpt-4o-mini", tools: [WEATHER] },
    });
    expect(created.status).toBe(201);
    expect(created.json.tools).toEqual([WEATHER]);
    const bad = async (tools: unknown) =>
      call("PATCH", `${ws()}/presets/${created.json.id}`, { token: member.token, body: { tools } });
    const twice = await bad([WEATHER, WEATHER]);
    expect(twice.status).toBe(400);
    expect(JSON.stringify(twice.json)).toContain("'get_weather' is used twice");
    expect((await bad([{ type: "function", function: { name: "bad name!" } }])).status).toBe(400);
    expect((await bad("nope")).status).toBe(400);
    const got = await call("GET", `${ws()}/presets/${created.json.id}`, { token: member.token });
    expect(got.json.tools).toEqual([WEATHER]);
  });

  it("stores a streamed tool call, takes its result and continues with a valid history", async () => {
    const preset = (
      await call("POST", `${ws()}/presets`, {
        token: member.token,
        body: { name: "Tools", model: "gpt-4o-mini", systemPrompt: "Use tools.", tools: [WEATHER] },
      })
    ).json;
    const c = (
      await call("POST", `${ws()}/conversations`, {
        token: member.token,
        body: { model: "gpt-4o-mini", presetId: preset.id },
      })
    ).json;
    const path = `${ws()}/conversations/${c.id}`;
    const question = "Please call tool for Lisbon";
    const q = (
      await call("POST", `${path}/messages`, {
        token: member.token,
        body: { parentId: null, role: "user", text: question },
      })
    ).json.message;
    const system = { role: "system", content: "Use tools." };
    const asked = { role: "user", content: question };
    const first = await call("POST", `${path}/answers`, {
      token: member.token,
      body: {
        parentId: q.id,
        model: "gpt-4o-mini",
        key: member.key,
        body: { messages: [system, asked], tools: preset.tools, tool_choice: "auto" },
      },
    });
    expect(first.status).toBe(201);
    const answer = await ended(c.id, first.json.message.id);
    expect(answer).toMatchObject({ status: "done", text: "" });
    const parts = answer.parts as { type: string; id: string; name: string; arguments: string }[];
    expect(parts).toEqual([
      { type: "tool_call", id: expect.any(String), name: "get_weather", arguments: '{"q":"x"}' },
    ]);
    const callId = parts[0]!.id;

    // A result must name a call of its parent; a stranger's conversation is 404.
    const result = (body: Record<string, unknown>) =>
      call("POST", `${path}/messages`, {
        token: member.token,
        body: { role: "tool", text: "21 °C", ...body },
      });
    expect(
      (await result({ parentId: answer.id, parts: [{ type: "tool_result", toolCallId: "call_nope" }] }))
        .status,
    ).toBe(400);
    expect((await result({ parentId: answer.id, parts: [] })).status).toBe(400);
    expect(
      (await result({ parentId: q.id, parts: [{ type: "tool_result", toolCallId: callId }] })).status,
    ).toBe(400);
    expect(
      (
        await call("POST", `${path}/messages`, {
          token: member.token,
          body: {
            parentId: q.id,
            role: "user",
            text: "x",
            parts: [{ type: "tool_result", toolCallId: callId }],
          },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await result({
          parentId: "msg_00000000000000000000",
          parts: [{ type: "tool_result", toolCallId: callId }],
        })
      ).status,
    ).toBe(404);
    const stored = await result({
      parentId: answer.id,
      parts: [{ type: "tool_result", toolCallId: callId }],
    });
    expect(stored.status).toBe(201);
    expect(stored.json.message).toMatchObject({
      role: "tool",
      text: "21 °C",
      parts: [{ type: "tool_result", toolCallId: callId }],
    });

    // The next answer, asked under the result, with the history the console builds.
    const history = [
      system,
      asked,
      {
        role: "assistant",
        content: null,
        tool_calls: [
          { id: callId, type: "function", function: { name: "get_weather", arguments: '{"q":"x"}' } },
        ],
      },
      { role: "tool", tool_call_id: callId, content: "21 °C" },
    ];
    const second = await call("POST", `${path}/answers`, {
      token: member.token,
      body: {
        parentId: stored.json.message.id,
        model: "gpt-4o-mini",
        key: member.key,
        body: { messages: history, tools: preset.tools, tool_choice: "auto" },
      },
    });
    expect(second.status).toBe(201);
    const final = await ended(c.id, second.json.message.id);
    expect(final).toMatchObject({ status: "done", text: fakeReplyText("openai", 3), parts: [] });
    const sent = fake.requests.at(-1)!.json as { messages: unknown[]; tools: unknown[] };
    expect(sent.messages.slice(-2)).toEqual(history.slice(-2));
    expect(sent.tools).toEqual([WEATHER]);

    const branch = (await call("GET", path, { token: member.token })).json.messages as { role: string }[];
    expect(branch.map((m) => m.role)).toEqual(["user", "assistant", "tool", "assistant"]);
    const md = await call("GET", `${path}/export?format=markdown`, { token: member.token });
    expect(md.json.content).toContain("_Calls `get_weather`");
    expect(md.json.content).toContain('"q": "x"');
    expect(md.json.content).toContain("## Tool result");
    expect(md.json.content).toContain("21 °C");
    const json = JSON.parse(
      (await call("GET", `${path}/export?format=json`, { token: member.token })).json.content,
    );
    expect(json.messages.map((m: { parts: unknown[] }) => m.parts.length)).toEqual([0, 1, 1, 0]);
  });
});
