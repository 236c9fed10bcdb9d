import { SseParser } from "@gatehouse/protocol";
import { type FakeServer, fakeReplyText, startFakeOpenAI } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPasswordHasher } from "../../identity/session/password-hasher.js";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { apiClient } from "./control-plane-api.js";

/**
 * Answers the server runs (docs/chat.md, "Resumable answers"), on the real server over HTTP with a fake
 * OpenAI streaming slowly: an answer followed, dropped and followed again to its end; read from a second
 * instance over the same database (polling the row) and stopped from there; stopped here, cutting the
 * data-plane request; a budget refusal answered as the data plane's; a title by the title model (its
 * request metered as the member's) and the first question when the model fails; privacy; stale runs.
 */
const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1 });
const PASSWORD = "correct horse battery staple";
const WORDS = 14;
const FULL = fakeReplyText("openai", WORDS);
let fake: FakeServer;
let gw: TestGateway;
/** A second instance over the same database, whose title model does not exist. */
let gw2: TestGateway;
let call: ReturnType<typeof apiClient>;
let owner: string;
let member: { id: string; token: string; key: string };
let other: { id: string; token: string; key: string };

async function user(email: string, role: "owner" | "member") {
  const u = await gw.store.users.create({
    tenantId: gw.tenant.id,
    email,
    name: email,
    role,
    passwordHash: await hasher.hash(PASSWORD),
  });
  const login = await call("POST", "/api/auth/login", { body: { email, password: PASSWORD } });
  return { id: u.id, token: login.json.accessToken as string };
}

const ws = () => `/api/tenants/${gw.tenant.id}/workspaces/${gw.workspace.id}`;

beforeAll(async () => {
  fake = await startFakeOpenAI({ chunks: WORDS, chunkDelayMs: 120 });
  gw = await startTestGateway({
    passwordHasher: hasher,
    providers: [{ name: "openai", baseUrl: fake.url, apiKey: "sk-x", models: ["gpt-4o-mini", "gpt-4o"] }],
    chat: { titleModel: "gpt-4o", flushMs: 100, pollMs: 100, staleMs: 1_500 },
  });
  gw2 = await startTestGateway({
    passwordHasher: hasher,
    store: gw.store,
    secretBox: gw.secretBox,
    chat: { titleModel: "no-such-model", flushMs: 100, pollMs: 100, staleMs: 1_500, maxStreamsPerTenant: 2 },
  });
  call = apiClient(gw.url);
  owner = (await user("owner@acme.test", "owner")).token;
  const keyOf = async (token: string) =>
    (await call("POST", `${ws()}/playground-key`, { token })).json.secret as string;
  const m = await user("member@acme.test", "member");
  const o = await user("other@acme.test", "member");
  for (const id of [m.id, o.id]) {
    expect(
      (await call("PUT", `${ws()}/members/${id}`, { token: owner, body: { role: "member" } })).status,
    ).toBe(200);
  }
  member = { ...m, key: await keyOf(m.token) };
  other = { ...o, key: await keyOf(o.token) };
}, 60_000);
afterAll(async () => {
  await gw2?.app.server.close();
  await gw2?.app.shutdown();
  await gw?.close();
  await fake?.close();
});

/** A conversation of the member with one question; returns its id and the question's. */
async function asked(text = "Where should I go in May?") {
  const c = await call("POST", `${ws()}/conversations`, {
    token: member.token,
    body: { model: "gpt-4o-mini" },
  });
  const q = await call("POST", `${ws()}/conversations/${c.json.id}/messages`, {
    token: member.token,
    body: { parentId: null, role: "user", text },
  });
  return { id: c.json.id as string, questionId: q.json.message.id as string, text };
}

function start(c: { id: string; questionId: string; text: string }, key = member.key, token = member.token) {
  return call("POST", `${ws()}/conversations/${c.id}/answers`, {
    token,
    body: {
      parentId: c.questionId,
      model: "gpt-4o-mini",
      key,
      body: { messages: [{ role: "user", content: c.text }] },
    },
  });
}

interface Followed {
  events: { event: string; data: Record<string, unknown> }[];
  text: string;
}

/** Reads an answer's events from `base` until `until` says stop (or the stream ends). */
async function follow(base: string, path: string, until: (f: Followed) => boolean = () => false) {
  const abort = new AbortController();
  const res = await fetch(`${base}${path}`, {
    headers: { authorization: `Bearer ${member.token}` },
    signal: abort.signal,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
  const parser = new SseParser();
  const f: Followed = { events: [], text: "" };
  const reader = res.body!.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      for (const e of parser.push(value)) {
        if (e.event === undefined) continue;
        const data = JSON.parse(e.data) as Record<string, unknown>;
        f.events.push({ event: e.event, data });
        if (e.event === "snapshot") f.text = String(data.text);
        if (e.event === "delta") f.text += String(data.text);
      }
      if (until(f)) break;
    }
  } finally {
    abort.abort();
  }
  return f;
}

const eventsPath = (c: { id: string }, messageId: string) =>
  `${ws()}/conversations/${c.id}/answers/${messageId}/events`;

describe("chat answers run by the server", () => {
  it("streams an answer that a dropped reader follows again to its end, and titles the conversation", async () => {
    const c = await asked();
    const started = await start(c);
    expect(started.status).toBe(201);
    const m = started.json.message;
    expect(m).toMatchObject({
      role: "assistant",
      status: "streaming",
      model: "gpt-4o-mini",
      parentId: c.questionId,
    });
    expect(m.usageRecordId).toMatch(/^[0-9a-f-]{36}$/);
    expect(started.json.conversation.activeLeafId).toBe(m.id);
    // The data plane got the client's messages, streamed, with usage asked for.
    const sent = fake.requests.at(-1)!.json as Record<string, unknown>;
    expect(sent).toMatchObject({
      model: "gpt-4o-mini",
      stream: true,
      stream_options: { include_usage: true },
    });

    // A reader leaves after two deltas (a reload)...
    const first = await follow(
      gw.url,
      eventsPath(c, m.id),
      (f) => f.events.filter((e) => e.event === "delta").length >= 2,
    );
    expect(first.events[0]!.event).toBe("snapshot");
    expect(FULL.startsWith(first.text)).toBe(true);
    expect(first.text.length).toBeLessThan(FULL.length);
    // ...and the next one gets the text so far, the rest, and the end.
    const again = await follow(gw.url, eventsPath(c, m.id));
    expect(again.text).toBe(FULL);
    const end = again.events.at(-1)!;
    expect(end.event).toBe("end");
    expect(end.data).toMatchObject({
      id: m.id,
      status: "done",
      text: FULL,
      outputTokens: WORDS,
      error: null,
    });

    const got = await call("GET", `${ws()}/conversations/${c.id}`, { token: member.token });
    expect(got.json.messages.at(-1)).toMatchObject({ id: m.id, status: "done", text: FULL });
    // The title model was asked (a short, bounded request) and its answer made the title.
    const titleRequest = fake.requests.find((r) => (r.json as { model?: string }).model === "gpt-4o");
    expect(titleRequest?.json).toMatchObject({ max_tokens: 20 });
    expect(JSON.stringify(titleRequest?.json)).toContain(c.text);
    // The fake's 82-character reply, cut at a word within the title's 80 characters.
    expect(got.json.conversation.title).toBe(fakeReplyText("openai", WORDS - 1));
    // Both requests are the member's metered traffic, through their key.
    await gw.app.runtime.usage.flush();
    const records = await gw.store.usage.list({ tenantId: gw.tenant.id, limit: 100 });
    const answerRecord = records.find((r) => r.id === m.usageRecordId);
    expect(answerRecord).toMatchObject({ userId: member.id, model: "gpt-4o-mini", status: "success" });
    // The meter's numbers are copied onto the answer once its record settled.
    expect(answerRecord!.costNano).toBeGreaterThan(0);
    await expect
      .poll(
        async () =>
          (await call("GET", `${ws()}/conversations/${c.id}`, { token: member.token })).json.messages.at(-1)
            .costNano,
      )
      .toBe(answerRecord!.costNano);
    expect(
      records.some((r) => r.model === "gpt-4o" && r.userId === member.id && r.status === "success"),
    ).toBe(true);
    // An answer that ended gives its snapshot and end at once.
    const late = await follow(gw.url, eventsPath(c, m.id));
    expect(late.events.map((e) => e.event)).toEqual(["snapshot", "end"]);
    expect(late.text).toBe(FULL);
  }, 30_000);

  it("is followed and stopped from another instance, which reads the row", async () => {
    const c = await asked("Tell me about Porto");
    const m = (await start(c)).json.message;
    const elsewhere = await follow(gw2.url, eventsPath(c, m.id), (f) => f.text.length > 20);
    expect(FULL.startsWith(elsewhere.text)).toBe(true);
    const stop = await fetch(`${gw2.url}${ws()}/conversations/${c.id}/answers/${m.id}/stop`, {
      method: "POST",
      headers: { authorization: `Bearer ${member.token}` },
    });
    expect(stop.status).toBe(200);
    // The running instance reads the flag at its next write and ends the answer stopped.
    const end = (await follow(gw2.url, eventsPath(c, m.id))).events.at(-1)!;
    expect(end).toMatchObject({ event: "end", data: { status: "stopped" } });
    const text = String(end.data.text);
    expect(text.length).toBeGreaterThan(0);
    expect(text.length).toBeLessThan(FULL.length);
    expect(FULL.startsWith(text)).toBe(true);
  }, 30_000);

  it("bounds the event streams a tenant holds open on an instance", async () => {
    // gw2 holds at most two per tenant (maxStreamsPerTenant). The bound shows only while the answer
    // streams (an ended one closes its readers), so an attempt whose answer ended first is made again.
    let refused: { status: number; retryAfter: string | null; body: string } | undefined;
    for (let attempt = 0; attempt < 3 && refused === undefined; attempt++) {
      const c = await asked(`Many tabs? (${attempt})`);
      const m = (await start(c)).json.message;
      let released = false;
      const readers = [0, 1].map(() => {
        let opened!: () => void;
        const ready = new Promise<void>((resolve) => (opened = resolve));
        const done = follow(gw2.url, eventsPath(c, m.id), (f) => {
          if (f.events.length > 0) opened();
          return released;
        });
        return { ready: Promise.race([ready, done]), done };
      });
      // One after the other: each is counted once its snapshot came.
      for (const r of readers) await r.ready;
      const res = await fetch(`${gw2.url}${eventsPath(c, m.id)}`, {
        headers: { authorization: `Bearer ${member.token}` },
      });
      const third = {
        status: res.status,
        retryAfter: res.headers.get("retry-after"),
        body: await res.text(),
      };
      released = true;
      const followed = await Promise.all(readers.map((r) => r.done));
      if (third.status === 429) refused = third;
      // Not refused: only because the answer had ended (a reader saw it end and left).
      else expect(followed.some((f) => f.events.some((e) => e.event === "end"))).toBe(true);
      if (refused !== undefined) {
        // Freed once the readers left: the next one reads the answer to its end.
        const after = await follow(gw2.url, eventsPath(c, m.id));
        expect(after.events.at(-1)).toMatchObject({ event: "end", data: { status: "done" } });
      }
    }
    expect(refused).toMatchObject({
      status: 429,
      retryAfter: "5",
      body: expect.stringContaining("rate_limited"),
    });
  }, 60_000);

  it("stops an answer here: the text so far is kept, marked stopped, and the data-plane request is cut", async () => {
    const c = await asked("And Lisbon?");
    const m = (await start(c)).json.message;
    await follow(gw.url, eventsPath(c, m.id), (f) => f.text.length > 10);
    const stopped = await call("POST", `${ws()}/conversations/${c.id}/answers/${m.id}/stop`, {
      token: member.token,
    });
    expect(stopped.status).toBe(200);
    expect(stopped.json.message).toMatchObject({ id: m.id, status: "stopped" });
    expect(stopped.json.message.text.length).toBeLessThan(FULL.length);
    await gw.app.runtime.usage.flush();
    await expect
      .poll(async () => (await gw.store.usage.get(gw.tenant.id, m.usageRecordId))?.status, { timeout: 5_000 })
      .toBe("interrupted");
    // Stopping again changes nothing; the conversation keeps its stopped answer.
    const again = await call("POST", `${ws()}/conversations/${c.id}/answers/${m.id}/stop`, {
      token: member.token,
    });
    expect(again.json.message).toMatchObject({ status: "stopped", text: stopped.json.message.text });
  }, 30_000);

  it("titles a conversation with its first question when the title model fails", async () => {
    const c = await asked("What is the best season to visit the Azores islands?");
    const started = await fetch(`${gw2.url}${ws()}/conversations/${c.id}/answers`, {
      method: "POST",
      headers: { authorization: `Bearer ${member.token}`, "content-type": "application/json" },
      body: JSON.stringify({
        parentId: c.questionId,
        model: "gpt-4o-mini",
        key: member.key,
        body: { messages: [{ role: "user", content: c.text }] },
      }),
    });
    expect(started.status).toBe(201);
    const m = ((await started.json()) as { message: { id: string } }).message;
    await follow(gw2.url, eventsPath(c, m.id));
    const got = await call("GET", `${ws()}/conversations/${c.id}`, { token: member.token });
    expect(got.json.conversation.title).toBe("What is the best season to visit the Azores islands?");
  }, 30_000);

  it("answers a budget refusal with the data plane's status and message, storing nothing", async () => {
    const budget = await call("POST", `/api/tenants/${gw.tenant.id}/budgets`, {
      token: owner,
      body: { scopeKind: "user", scopeId: member.id, metric: "cost", period: "daily", limit: 1 },
    });
    expect(budget.status).toBe(201);
    try {
      const c = await asked("One more?");
      const before = fake.requests.length;
      const refused = await start(c);
      expect(refused.status).toBe(402);
      expect(refused.json.error.code).toBe("budget_exceeded");
      expect(refused.json.error.message).toMatch(/budget/i);
      // The id quoted is the refused data-plane request's (the one the request log holds), not this
      // control-plane request's own (still in the header).
      const refusedId = refused.json.error.requestId as string;
      expect(refusedId).toMatch(/\S/);
      expect(refused.headers.get("x-gatehouse-request-id")).not.toBe(refusedId);
      // Refused before admission, it has no usage record; the request log has its line.
      await expect
        .poll(() =>
          gw.logs
            .filter((l) => l.includes('"msg":"request"'))
            .map((l) => JSON.parse(l) as { reqId?: string; status?: number; url?: string })
            .find((l) => l.reqId === refusedId),
        )
        .toMatchObject({ status: 402, url: "/v1/chat/completions" });
      expect(fake.requests.length).toBe(before);
      const got = await call("GET", `${ws()}/conversations/${c.id}`, { token: member.token });
      expect(got.json.messages).toHaveLength(1);
    } finally {
      await call("DELETE", `/api/tenants/${gw.tenant.id}/budgets/${budget.json.id}`, { token: owner });
    }
  }, 30_000);

  it("keeps answers private, refuses another user's key, and checks the question", async () => {
    const c = await asked("Private?");
    expect((await start(c, member.key, other.token)).status).toBe(404);
    const foreignKey = await start(c, other.key);
    expect(foreignKey.status).toBe(403);
    expect(JSON.stringify(foreignKey.json)).not.toContain(other.key);
    const bad = await call("POST", `${ws()}/conversations/${c.id}/answers`, {
      token: member.token,
      body: { parentId: c.questionId, model: "gpt-4o-mini", key: member.key, body: "not an object" },
    });
    expect(bad.status).toBe(400);
    const m = (await start(c)).json.message;
    // An answer is not a question: answering it is refused before any traffic.
    const wrong = await start({ ...c, questionId: m.id });
    expect(wrong.status).toBe(404);
    for (const path of [eventsPath(c, m.id), `${ws()}/conversations/${c.id}/answers/${m.id}/stop`]) {
      const res = await fetch(`${gw.url}${path}`, {
        method: path.endsWith("stop") ? "POST" : "GET",
        headers: { authorization: `Bearer ${other.token}` },
      });
      expect(res.status).toBe(404);
    }
    await follow(gw.url, eventsPath(c, m.id));
    expect(gw.logs.join("\n")).not.toContain(member.key);
  }, 30_000);

  it("ends an answer whose run stopped writing (its instance died) as failed", async () => {
    const c = await asked("Orphan?");
    const owned = { workspaceId: gw.workspace.id, userId: member.id };
    const { message } = (await gw.store.forTenant(gw.tenant.id).chat.append(owned, c.id, {
      parentId: c.questionId,
      role: "assistant",
      text: "Half an ans",
      status: "streaming",
    }))!;
    const f = await follow(gw.url, eventsPath(c, message.id));
    expect(f.text).toBe("Half an ans");
    expect(f.events.at(-1)).toMatchObject({
      event: "end",
      data: { status: "failed", error: expect.stringMatching(/stopped/) },
    });
  }, 30_000);
});
