import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGatehouseClient, type GatehouseClient } from "../create-gatehouse-client.js";
import { GatehouseApiError } from "../gatehouse-api-error.js";
import type { SessionTokens } from "../session-tokens.js";
import {
  OWNER_EMAIL,
  OWNER_PASSWORD,
  type SdkTestServer,
  startSdkTestServer,
} from "../testing/start-sdk-test-server.js";

let server: SdkTestServer;
let url: string;
let owner: GatehouseClient;
const reported: SessionTokens[] = [];
let tenantId: string;

beforeAll(async () => {
  server = await startSdkTestServer();
  url = server.gateway.url;
  owner = createGatehouseClient({ baseUrl: url, onTokens: (t) => void reported.push(t) });
  await owner.auth.logIn({ body: { email: OWNER_EMAIL, password: OWNER_PASSWORD } });
  tenantId = server.gateway.tenant.id;
});
afterAll(async () => {
  await server.close();
});

describe("the SDK against the real server", () => {
  it("signs up, adopts the session, and sees its own tenant", async () => {
    const client = createGatehouseClient({ baseUrl: url });
    const session = await client.auth.signUp({
      body: { email: "sam@signup.test", password: "a long enough password", name: "Sam" },
    });
    expect(client.tokens()).toEqual({ accessToken: session.accessToken, refreshToken: session.refreshToken });
    const me = await client.auth.me();
    expect(me.user.email).toBe("sam@signup.test");
    const tenants = await client.tenants.list();
    expect(tenants.items.map((t) => t.id)).toEqual(me.memberships.map((m) => m.tenantId));
    expect(tenants.items.map((t) => t.id)).not.toContain(tenantId);
  });

  it("logs in, creates a workspace (idempotently) and a key whose secret calls the gateway", async () => {
    expect(reported.at(-1)?.accessToken).toBe(owner.tokens().accessToken);
    const body = { name: "Research" };
    const ws = await owner.workspaces.create({ params: { tenantId }, body, idempotencyKey: "ws-research-1" });
    const again = await owner.workspaces.create({
      params: { tenantId },
      body,
      idempotencyKey: "ws-research-1",
    });
    expect(again.id).toBe(ws.id);
    const issued = await owner.keys.create({
      params: { tenantId, workspaceId: ws.id },
      body: { name: "ci" },
    });
    expect(issued.secret).toMatch(/^gh_/);
    expect(issued.key).toMatchObject({ name: "ci", workspaceId: ws.id, status: "active" });
    const keyClient = createGatehouseClient({ baseUrl: url, apiKey: issued.secret });
    const answer = await keyClient.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Hello" }],
    });
    expect(answer.object).toBe("chat.completion");
    expect(answer.choices[0]!.message.content).toBeTruthy();
    const revoked = await owner.keys.revoke({ params: { tenantId, keyId: issued.key.id } });
    expect(revoked.status).toBe("revoked");
    const refused = await keyClient.chat.completions
      .create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hi" }] })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 401, code: "revoked_api_key" });
  });

  it("lists every key page by page with paginate, and single pages with list", async () => {
    const ws = await owner.workspaces.create({ params: { tenantId }, body: { name: "Paged" } });
    const created: string[] = [];
    for (const name of ["k1", "k2", "k3", "k4", "k5"]) {
      created.push(
        (await owner.keys.create({ params: { tenantId, workspaceId: ws.id }, body: { name } })).key.id,
      );
    }
    const first = await owner.keys.list({ params: { tenantId }, query: { workspaceId: ws.id, limit: 2 } });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const all: string[] = [];
    for await (const key of owner.paginate("keys.list", {
      params: { tenantId },
      query: { workspaceId: ws.id, limit: 2, order: "asc" },
    })) {
      all.push(key.id);
    }
    expect(all).toEqual(created);
  });

  it("throws GatehouseApiError with the server's code, status and validation issues", async () => {
    const missing = await owner.keys
      .get({ params: { tenantId, keyId: "key_00000000000000000000" } })
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(GatehouseApiError);
    expect(missing).toMatchObject({ status: 404, code: "not_found" });
    expect((missing as GatehouseApiError).details.requestId).toBeTruthy();
    const invalid = await owner.workspaces
      .create({ params: { tenantId }, body: { name: "" } })
      .then(() => undefined)
      .catch((e: unknown) => e as GatehouseApiError);
    expect(invalid).toMatchObject({ status: 400, code: "invalid_request" });
    expect(invalid?.details.issues?.map((i) => i.path)).toContain("body.name");
    const wrong = await createGatehouseClient({ baseUrl: url })
      .auth.logIn({ body: { email: OWNER_EMAIL, password: "nope" } })
      .catch((e: unknown) => e);
    expect(wrong).toMatchObject({ status: 401, code: "invalid_credentials" });
    const anonymous = await createGatehouseClient({ baseUrl: url })
      .tenants.list()
      .catch((e: unknown) => e);
    expect(anonymous).toMatchObject({ status: 401, code: "unauthenticated" });
  });

  it("reads the audit log, and its CSV export as text", async () => {
    const entries = await owner.audit.list({
      params: { tenantId },
      query: { action: "keys.create", limit: 1 },
    });
    expect(entries.items[0]?.action).toBe("keys.create");
    const csv = await owner.audit.export({ params: { tenantId }, query: { action: "keys.revoke" } });
    expect(csv.split("\r\n")[0]).toBe(
      "at,actor_kind,actor_id,action,target_kind,target_id,ip,user_agent,before,after",
    );
    expect(csv).toContain("keys.revoke");
  });

  it("uploads a chat attachment as bytes, reads its text and bytes back, and deletes it", async () => {
    const params = { tenantId, workspaceId: server.gateway.workspace.id };
    const bytes = new TextEncoder().encode("# Notes\n\nThe answer is 42.\n");
    const file = await owner.chatFiles.upload({ params, query: { name: "notes.md" }, body: bytes });
    expect(file).toMatchObject({ name: "notes.md", kind: "document", size: bytes.length });
    const context = await owner.chatFiles.context({ params: { ...params, fileId: file.id } });
    expect(context).toMatchObject({ kind: "document", text: expect.stringContaining("The answer is 42.") });
    const back = await owner.chatFiles.content({ params: { ...params, fileId: file.id } });
    expect(new TextDecoder().decode(back)).toBe("# Notes\n\nThe answer is 42.\n");
    await owner.chatFiles.delete({ params: { ...params, fileId: file.id } });
    await expect(owner.chatFiles.get({ params: { ...params, fileId: file.id } })).rejects.toMatchObject({
      status: 404,
    });
  });

  it("streams a chat answer chunk by chunk, throws an in-stream error, and stops on abort", async () => {
    const key = server.gateway.key;
    const client = createGatehouseClient({ baseUrl: url, apiKey: key });
    const request = { model: "gpt-4o-mini", messages: [{ role: "user" as const, content: "Hello" }] };
    const pieces: string[] = [];
    for await (const chunk of client.chat.completions.stream(request)) {
      expect(chunk.object).toBe("chat.completion.chunk");
      pieces.push(chunk.choices[0]?.delta.content ?? "");
    }
    const whole = await client.chat.completions.create(request);
    expect(pieces.join("")).toBe(whole.choices[0]!.message.content);
    expect(pieces.filter(Boolean).length).toBeGreaterThan(1);

    server.upstream.setMode("stream-error", 1);
    const failed = await (async () => {
      for await (const _ of client.chat.completions.stream(request)) {
        // the first chunks arrive before the error
      }
    })().catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(GatehouseApiError);
    // The upstream's own event, passed through: OpenAI's `code: null` leaves its `type` as the code.
    expect(failed).toMatchObject({ status: 0, code: "server_error", details: { type: "server_error" } });

    server.upstream.setMode("slow", 1);
    const abort = new AbortController();
    let seen = 0;
    const aborted = await (async () => {
      for await (const _ of client.chat.completions.stream(request, { signal: abort.signal })) {
        seen++;
        abort.abort();
      }
    })().catch((e: unknown) => e);
    expect(seen).toBe(1);
    expect((aborted as Error).name).toBe("AbortError");

    const missing = await client.chat.completions
      .create({ ...request, model: "no-such-model" })
      .catch((e: unknown) => e);
    expect(missing).toMatchObject({ status: 404, code: "model_not_found" });
  });

  it("refreshes an expired access token once for concurrent calls, on the real rotating refresh tokens", async () => {
    const tokens: SessionTokens[] = [];
    const client = createGatehouseClient({ baseUrl: url, onTokens: (t) => void tokens.push(t) });
    await client.auth.logIn({ body: { email: OWNER_EMAIL, password: OWNER_PASSWORD } });
    const before = client.tokens();
    server.advanceClock(16 * 60_000);
    // Three calls see the expired token together; a second refresh would present a used refresh token
    // and end the whole session, so all three succeeding proves the refresh ran once.
    const answers = await Promise.all([client.auth.me(), client.tenants.list(), client.auth.me()]);
    expect(answers[0].user.email).toBe(OWNER_EMAIL);
    expect(tokens).toHaveLength(2);
    expect(client.tokens().refreshToken).toBe(tokens[1]!.refreshToken);
    expect(client.tokens().refreshToken).not.toBe(before.refreshToken);

    // A client resuming from the stale refresh token is refused (and the reuse ends that session).
    server.advanceClock(16 * 60_000);
    const stale = createGatehouseClient({
      baseUrl: url,
      accessToken: before.accessToken!,
      refreshToken: before.refreshToken!,
    });
    await expect(stale.auth.me()).rejects.toBeInstanceOf(GatehouseApiError);
  });
});
