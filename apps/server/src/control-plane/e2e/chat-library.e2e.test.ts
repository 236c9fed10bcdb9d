import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPasswordHasher } from "../../identity/session/password-hasher.js";
import type { UserRole } from "../../store/store-types.js";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { CHATGPT_EXPORT, LIBRECHAT_EXPORT } from "../handlers/testing/chat-import-fixtures.js";
import { apiClient } from "./control-plane-api.js";

/**
 * Presets, share links and import through the real server (docs/chat.md): who sees and changes a preset,
 * a conversation naming a preset it cannot see, the public share page (its raw JSON leaks nothing of who,
 * where or what it cost; later messages stay out; revocation and deletion end it), and imports that
 * store everything or nothing.
 */
const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1 });
const PASSWORD = "correct horse battery staple";
let gw: TestGateway;
let call: ReturnType<typeof apiClient>;
let owner: string;
let member: { id: string; token: string; email: string };
let member2: string;
let stranger: string;

async function user(email: string, role: UserRole, tenantId = gw.tenant.id) {
  const u = await gw.store.users.create({
    tenantId,
    email,
    name: email,
    role,
    passwordHash: await hasher.hash(PASSWORD),
  });
  const login = await call("POST", "/api/auth/login", { body: { email, password: PASSWORD } });
  expect(login.status).toBe(200);
  return { id: u.id, token: login.json.accessToken as string, email };
}

const ws = () => `/api/tenants/${gw.tenant.id}/workspaces/${gw.workspace.id}`;

beforeAll(async () => {
  gw = await startTestGateway({ passwordHasher: hasher });
  call = apiClient(gw.url);
  owner = (await user("owner@acme.test", "owner")).token;
  member = await user("member@acme.test", "member");
  const m2 = await user("member2@acme.test", "member");
  member2 = m2.token;
  for (const id of [member.id, m2.id]) {
    expect(
      (await call("PUT", `${ws()}/members/${id}`, { token: owner, body: { role: "member" } })).status,
    ).toBe(200);
  }
  const other = await gw.store.tenants.create({ name: "Other" });
  stranger = (await user("stranger@other.test", "owner", other.id)).token;
}, 60_000);
afterAll(async () => {
  await gw?.close();
});

describe("chat presets API", () => {
  it("keeps a private preset to its author, shares a shared one read-only, and checks presetId", async () => {
    const t = member.token;
    const mine = await call("POST", `${ws()}/presets`, {
      token: t,
      body: {
        name: "Editor",
        systemPrompt: "Fix typos.",
        model: "gpt-4o-mini",
        parameters: { temperature: 0.2 },
      },
    });
    expect(mine.status).toBe(201);
    expect(mine.json).toMatchObject({
      name: "Editor",
      shared: false,
      mine: true,
      parameters: { temperature: 0.2 },
    });
    const shared = await call("POST", `${ws()}/presets`, {
      token: t,
      body: { name: "Team", model: "gpt-4o-mini", shared: true, parameters: { topP: 0.5, maxTokens: 100 } },
    });
    const mineUrl = `${ws()}/presets/${mine.json.id}`;
    const sharedUrl = `${ws()}/presets/${shared.json.id}`;

    for (const token of [member2, owner]) {
      expect((await call("GET", mineUrl, { token })).status).toBe(404);
      const read = await call("GET", sharedUrl, { token });
      expect(read.status).toBe(200);
      expect(read.json.mine).toBe(false);
      expect((await call("PATCH", sharedUrl, { token, body: { name: "x" } })).status).toBe(404);
      expect((await call("DELETE", sharedUrl, { token })).status).toBe(404);
      const listed = (await call("GET", `${ws()}/presets`, { token })).json.items.map(
        (p: { id: string }) => p.id,
      );
      expect(listed).toContain(shared.json.id);
      expect(listed).not.toContain(mine.json.id);
      // Naming a preset the caller cannot see is a 404; a shared one is fine.
      expect(
        (await call("POST", `${ws()}/conversations`, { token, body: { model: "m", presetId: mine.json.id } }))
          .status,
      ).toBe(404);
      expect(
        (
          await call("POST", `${ws()}/conversations`, {
            token,
            body: { model: "m", presetId: shared.json.id },
          })
        ).status,
      ).toBe(201);
    }
    expect((await call("GET", sharedUrl, { token: stranger })).status).toBe(404);
    expect((await call("GET", `${ws()}/presets`, { token: gw.key })).status).toBe(403);

    const patched = await call("PATCH", mineUrl, { token: t, body: { shared: true, parameters: {} } });
    expect(patched.json).toMatchObject({ shared: true, parameters: {} });
    expect((await call("GET", mineUrl, { token: member2 })).status).toBe(200);
    expect(
      (
        await call("POST", `${ws()}/presets`, {
          token: t,
          body: { name: "x", model: "m", parameters: { temperature: 3 } },
        })
      ).status,
    ).toBe(400);
    expect((await call("DELETE", mineUrl, { token: t })).status).toBe(204);
    expect((await call("GET", mineUrl, { token: t })).status).toBe(404);
  }, 60_000);
});

describe("share links", () => {
  it("shows the snapshot to anyone with the link, leaks nothing else, and ends on revoke or delete", async () => {
    const t = member.token;
    const c = await call("POST", `${ws()}/conversations`, {
      token: t,
      body: { title: "Lisbon tips", model: "gpt-4o-mini" },
    });
    const conv = `${ws()}/conversations/${c.json.id}`;
    const u = await call("POST", `${conv}/messages`, {
      token: t,
      body: { parentId: null, role: "user", text: "Where to eat?" },
    });
    await call("POST", `${conv}/messages`, {
      token: t,
      body: {
        parentId: u.json.message.id,
        role: "assistant",
        text: "Try *Ramiro*.",
        model: "gpt-4o-mini",
        usageRecordId: "req_secret_1",
        costNano: 777_777,
        inputTokens: 12345,
      },
    });

    for (const token of [member2, owner, stranger])
      expect((await call("POST", `${conv}/shares`, { token })).status).toBe(404);
    const share = await call("POST", `${conv}/shares`, { token: t });
    expect(share.status).toBe(201);
    expect(share.json.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(share.json.url).toMatch(new RegExp(`/share/${share.json.token}$`));
    // The token is stored hashed: it is nowhere in the database row.
    const row = await gw.store
      .forTenant(gw.tenant.id)
      .chatShares.list({ workspaceId: gw.workspace.id, userId: member.id }, c.json.id, {
        limit: 5,
        order: "desc",
      });
    expect(JSON.stringify(row)).not.toContain(share.json.token);

    await call("POST", `${conv}/messages`, {
      token: t,
      body: { parentId: null, role: "user", text: "A later secret" },
    });
    const pub = await call("GET", `/api/shared/${share.json.token}`);
    expect(pub.status).toBe(200);
    expect(pub.headers.get("x-robots-tag")).toBe("noindex");
    expect(pub.json.title).toBe("Lisbon tips");
    expect(pub.json.messages.map((m: { role: string; text: string }) => [m.role, m.text])).toEqual([
      ["user", "Where to eat?"],
      ["assistant", "Try *Ramiro*."],
    ]);
    for (const secret of [
      "A later secret",
      member.id,
      member.email,
      gw.tenant.id,
      gw.workspace.id,
      c.json.id,
      u.json.message.id,
      "req_secret_1",
      "777777",
      "12345",
      "usr_",
      "ten_",
      "ws_",
      "cnv_",
      "msg_",
      "shr_",
      "cost",
      "Token",
      "email",
      "user_id",
    ]) {
      expect(pub.text).not.toContain(secret);
    }
    expect(Object.keys(pub.json).sort()).toEqual(["messages", "sharedAt", "title"]);
    expect(Object.keys(pub.json.messages[1]).sort()).toEqual(["createdAt", "model", "role", "text"]);

    for (const token of [member2, owner, stranger])
      expect((await call("GET", `${conv}/shares`, { token })).status).toBe(404);
    const listed = await call("GET", `${conv}/shares`, { token: t });
    expect(listed.json.items).toHaveLength(1);
    expect(listed.text).not.toContain(share.json.token);
    expect((await call("DELETE", `${conv}/shares/${share.json.id}`, { token: member2 })).status).toBe(404);
    expect((await call("DELETE", `${conv}/shares/${share.json.id}`, { token: t })).json.revokedAt).toEqual(
      expect.any(Number),
    );
    expect((await call("GET", `/api/shared/${share.json.token}`)).status).toBe(404);

    const second = await call("POST", `${conv}/shares`, { token: t });
    expect((await call("GET", `/api/shared/${second.json.token}`)).status).toBe(200);
    expect((await call("DELETE", conv, { token: t })).status).toBe(204);
    expect((await call("GET", `/api/shared/${second.json.token}`)).status).toBe(404);
    for (const token of ["unknown", "x".repeat(32), "%00", "a".repeat(90)]) {
      expect((await call("GET", `/api/shared/${token}`)).status).toBe(404);
    }
    // One address may open at most 300 links a minute (found or not): then 429 with retry-after.
    let limited: Awaited<ReturnType<typeof call>> | undefined;
    for (let i = 0; i < 300 && limited === undefined; i++) {
      const r = await call("GET", `/api/shared/${"z".repeat(32)}`);
      if (r.status === 429) limited = r;
      else expect(r.status).toBe(404);
    }
    expect(limited?.json.error.code).toBe("rate_limited");
    expect(Number(limited?.headers.get("retry-after"))).toBeGreaterThan(0);
    // Past the router's 100-character limit on a path parameter: refused before any lookup.
    expect((await call("GET", `/api/shared/${"a".repeat(200)}`)).status).toBe(414);
  }, 60_000);
});

describe("conversations.import", () => {
  it("imports a ChatGPT export with its branches, and a LibreChat one", async () => {
    const t = member.token;
    const res = await call("POST", `${ws()}/conversations/import`, { token: t, body: CHATGPT_EXPORT });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ format: "chatgpt", messageCount: 3 });
    const id = res.json.conversations[0].id;
    const got = await call("GET", `${ws()}/conversations/${id}`, { token: t });
    expect(got.json.messages.map((m: { text: string }) => m.text)).toEqual([
      "Where should I eat in Lisbon?",
      "Cervejaria Ramiro",
    ]);
    expect(got.json.messages[1].siblingIds).toHaveLength(2);
    // Private like any conversation.
    expect((await call("GET", `${ws()}/conversations/${id}`, { token: member2 })).status).toBe(404);

    const lc = await call("POST", `${ws()}/conversations/import?format=librechat`, {
      token: t,
      body: LIBRECHAT_EXPORT,
    });
    expect(lc.json).toMatchObject({ format: "librechat", messageCount: 3 });
  }, 60_000);

  it("refuses bad files with 400 and stores nothing; refuses strangers and keys", async () => {
    const t = member.token;
    const count = async () =>
      (await call("GET", `${ws()}/conversations?limit=200`, { token: t })).json.items.length;
    const before = await count();
    const broken = [
      CHATGPT_EXPORT[0],
      { ...CHATGPT_EXPORT[0], mapping: { a: { parent: "missing", message: null } } },
    ];
    for (const [body, query] of [
      [broken, ""],
      [{ what: "ever" }, ""],
      [LIBRECHAT_EXPORT, "?format=chatgpt"],
      [CHATGPT_EXPORT, "?format=nope"],
    ] as const) {
      const res = await call("POST", `${ws()}/conversations/import${query}`, { token: t, body });
      expect(res.status).toBe(400);
      expect(res.json.error.message).toBeTruthy();
    }
    expect(await count()).toBe(before);
    expect(
      (await call("POST", `${ws()}/conversations/import`, { token: stranger, body: CHATGPT_EXPORT })).status,
    ).toBe(404);
    expect(
      (await call("POST", `${ws()}/conversations/import`, { token: gw.key, body: CHATGPT_EXPORT })).status,
    ).toBe(403);
    // Above 1 MiB (the usual limit) is accepted here; above 32 MiB is refused before it is read.
    const big = [
      {
        ...CHATGPT_EXPORT[0],
        title: "Big",
        mapping: {
          ...CHATGPT_EXPORT[0]!.mapping,
          pad: { parent: null, message: null, children: [], note: "x".repeat(2_000_000) },
        },
      },
    ];
    expect((await call("POST", `${ws()}/conversations/import`, { token: t, body: big })).status).toBe(201);
    const huge = await call("POST", `${ws()}/conversations/import`, {
      token: t,
      body: ["y".repeat(33 * 1_048_576)],
    });
    expect(huge.status).toBe(413);
  }, 60_000);
});
