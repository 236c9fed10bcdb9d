import { describe, expect, it } from "vitest";
import { createGatehouseClient } from "./create-gatehouse-client.js";
import { GatehouseApiError } from "./gatehouse-api-error.js";

// The client against a scripted fetch: what it sends and how it reads answers. The same behaviour is
// tested against the real server in sdk.e2e.test.ts.

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

const TENANT = "ten_aaaaaaaaaaaaaaaaaaaa";
const WS = "ws_aaaaaaaaaaaaaaaaaaaa";

function scripted(answer: (req: Sent, index: number) => Response | Promise<Response>) {
  const sent: Sent[] = [];
  const fetch = async (url: string | URL | Request, init?: RequestInit) => {
    const req: Sent = {
      method: init?.method ?? "GET",
      url: String(url),
      headers: { ...(init?.headers as Record<string, string>) },
      body: init?.body as string | undefined,
    };
    sent.push(req);
    return answer(req, sent.length - 1);
  };
  return { sent, fetch: fetch as typeof globalThis.fetch };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
const session = (n: number) => ({
  accessToken: `eyJ.access.${n}`,
  tokenType: "Bearer",
  expiresIn: 900,
  refreshToken: `ghr_${n}`,
  user: { id: "usr_aaaaaaaaaaaaaaaaaaaa", email: "a@b.c", name: "A", emailVerified: true, createdAt: 1 },
});
const workspace = { id: WS, tenantId: TENANT, name: "W", allowedModels: null, createdAt: 1 };
const expired = () =>
  json(401, { error: { code: "unauthenticated", message: "The access token has expired." } });

describe("createGatehouseClient", () => {
  it("fills the path, the query and the body, and an Idempotency-Key for creates", async () => {
    const { sent, fetch } = scripted(() => json(201, workspace));
    const client = createGatehouseClient({ baseUrl: "http://gw.test/", apiKey: "gh_k", fetch });
    await client.workspaces.create({ params: { tenantId: TENANT }, body: { name: "W" } });
    await client.workspaces.create({
      params: { tenantId: TENANT },
      body: { name: "W" },
      idempotencyKey: "mine",
    });
    expect(sent[0]).toMatchObject({
      method: "POST",
      url: `http://gw.test/api/tenants/${TENANT}/workspaces`,
      body: '{"name":"W"}',
      headers: { authorization: "Bearer gh_k", "content-type": "application/json" },
    });
    expect(sent[0]!.headers["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent[1]!.headers["idempotency-key"]).toBe("mine");
    await expect(
      client.call("workspaces.list", { params: { tenantId: TENANT }, query: { limit: 2, name: "a b" } }),
    ).rejects.toThrow();
    expect(sent[2]!.url).toBe(`http://gw.test/api/tenants/${TENANT}/workspaces?limit=2&name=a+b`);
    expect(sent[2]!.headers).not.toHaveProperty("idempotency-key");
  });

  it("throws one GatehouseApiError with the server's code, message, issues and request id", async () => {
    const { fetch } = scripted(() =>
      json(400, {
        error: {
          code: "invalid_request",
          message: "Invalid body.",
          issues: [{ path: "body.name", message: "Required." }],
          requestId: "req_1",
        },
      }),
    );
    const client = createGatehouseClient({ baseUrl: "http://gw.test", apiKey: "gh_k", fetch });
    const err = await client.tenants.create({ body: { name: "" } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GatehouseApiError);
    expect(err).toMatchObject({
      status: 400,
      code: "invalid_request",
      message: "Invalid body.",
      details: { issues: [{ path: "body.name", message: "Required." }], requestId: "req_1" },
    });
  });

  it("refuses an answer that does not match the contract, and reads a CSV export as text", async () => {
    const { fetch } = scripted((req) =>
      req.url.includes("/export")
        ? new Response("at,actor\r\n", { headers: { "content-type": "text/csv" } })
        : json(200, { id: 5 }),
    );
    const client = createGatehouseClient({ baseUrl: "http://gw.test", apiKey: "gh_k", fetch });
    await expect(client.tenants.get({ params: { tenantId: TENANT } })).rejects.toMatchObject({
      code: "invalid_response",
    });
    expect(await client.audit.export({ params: { tenantId: TENANT } })).toBe("at,actor\r\n");
  });

  it("refreshes an expired access token once for concurrent calls, retries them, and reports the new tokens", async () => {
    let refreshes = 0;
    const { sent, fetch } = scripted(async (req) => {
      if (req.url.endsWith("/api/auth/refresh")) {
        refreshes++;
        expect(JSON.parse(req.body!)).toEqual({ refreshToken: "ghr_0" });
        await new Promise((r) => setTimeout(r, 20));
        return json(200, session(1));
      }
      return req.headers.authorization === "Bearer eyJ.access.1" ? json(200, workspace) : expired();
    });
    const reported: string[] = [];
    const client = createGatehouseClient({
      baseUrl: "http://gw.test",
      accessToken: "eyJ.access.0",
      refreshToken: "ghr_0",
      onTokens: (t) => void reported.push(t.refreshToken),
      fetch,
    });
    const get = () => client.workspaces.get({ params: { tenantId: TENANT, workspaceId: WS } });
    const answers = await Promise.all([get(), get(), get()]);
    expect(answers.map((a) => a.id)).toEqual([WS, WS, WS]);
    expect(refreshes).toBe(1);
    expect(reported).toEqual(["ghr_1"]);
    expect(client.tokens()).toEqual({ accessToken: "eyJ.access.1", refreshToken: "ghr_1" });
    expect(sent.filter((s) => s.headers.authorization === "Bearer eyJ.access.1")).toHaveLength(3);
  });

  it("resumes from a stored refresh token alone: the first call's 401 renews the session once", async () => {
    const { sent, fetch } = scripted((req) => {
      if (req.url.endsWith("/api/auth/refresh")) return json(200, session(1));
      return req.headers.authorization === "Bearer eyJ.access.1" ? json(200, workspace) : expired();
    });
    const client = createGatehouseClient({ baseUrl: "http://gw.test", refreshToken: "ghr_0", fetch });
    const answer = await client.workspaces.get({ params: { tenantId: TENANT, workspaceId: WS } });
    expect(answer.id).toBe(WS);
    expect(sent.map((s) => s.headers.authorization ?? "none")).toEqual([
      "none",
      "none",
      "Bearer eyJ.access.1",
    ]);
    expect(client.tokens()).toEqual({ accessToken: "eyJ.access.1", refreshToken: "ghr_1" });
  });

  it("lets the caller wrap the refresh: a pair another client already got is adopted without asking the server", async () => {
    let refreshes = 0;
    const { fetch } = scripted((req) => {
      if (req.url.endsWith("/api/auth/refresh")) {
        refreshes++;
        return json(200, session(9));
      }
      return req.headers.authorization === "Bearer eyJ.access.1" ? json(200, workspace) : expired();
    });
    const held: string[] = [];
    const client = createGatehouseClient({
      baseUrl: "http://gw.test",
      refreshToken: "ghr_0",
      fetch,
      // Another tab rotated ghr_0 already and shared its pair: reusing ghr_0 would end the session.
      refreshWith: async (token) => {
        held.push(token);
        return session(1);
      },
    });
    const answer = await client.workspaces.get({ params: { tenantId: TENANT, workspaceId: WS } });
    expect(answer.id).toBe(WS);
    expect([held, refreshes]).toEqual([["ghr_0"], 0]);
    expect(client.tokens()).toEqual({ accessToken: "eyJ.access.1", refreshToken: "ghr_1" });
  });

  it("throws the refresh's own error when the refresh token is refused, and does not refresh other 401s", async () => {
    const { sent, fetch } = scripted((req) =>
      req.url.endsWith("/refresh")
        ? json(400, { error: { code: "invalid_token", message: "The token is invalid." } })
        : expired(),
    );
    const client = createGatehouseClient({
      baseUrl: "http://gw.test",
      accessToken: "eyJ.a",
      refreshToken: "ghr_x",
      fetch,
    });
    await expect(client.auth.me()).rejects.toMatchObject({ status: 400, code: "invalid_token" });
    const noRefresh = scripted(() =>
      json(401, { error: { code: "invalid_api_key", message: "Unknown key." } }),
    );
    const keyClient = createGatehouseClient({
      baseUrl: "http://gw.test",
      apiKey: "gh_bad",
      fetch: noRefresh.fetch,
    });
    await expect(keyClient.auth.me()).rejects.toMatchObject({ status: 401, code: "invalid_api_key" });
    expect(noRefresh.sent).toHaveLength(1);
    expect(sent.map((s) => s.url.replace("http://gw.test", ""))).toEqual([
      "/api/auth/me",
      "/api/auth/refresh",
    ]);
  });

  it("adopts the session a sign-in answers and forgets it at log-out", async () => {
    const { sent, fetch } = scripted((req) =>
      req.url.endsWith("/login") ? json(200, session(7)) : new Response(null, { status: 204 }),
    );
    const tokens: string[] = [];
    const client = createGatehouseClient({
      baseUrl: "http://gw.test",
      fetch,
      onTokens: (t) => void tokens.push(t.accessToken),
    });
    await client.auth.logIn({ body: { email: "a@b.c", password: "pw" } });
    expect(client.tokens()).toEqual({ accessToken: "eyJ.access.7", refreshToken: "ghr_7" });
    expect(tokens).toEqual(["eyJ.access.7"]);
    expect(await client.auth.logOut({ body: { refreshToken: "ghr_7" } })).toBeNull();
    expect(sent[1]!.headers.authorization).toBe("Bearer eyJ.access.7");
    expect(client.tokens()).toEqual({});
  });

  it("paginates by following nextCursor until it is null", async () => {
    const { sent, fetch } = scripted((req) => {
      const cursor = new URL(req.url).searchParams.get("cursor");
      const page =
        cursor === null
          ? { items: [workspace], nextCursor: "c1" }
          : { items: [{ ...workspace, name: "X" }], nextCursor: null };
      return json(200, page);
    });
    const client = createGatehouseClient({ baseUrl: "http://gw.test", apiKey: "gh_k", fetch });
    const names: string[] = [];
    for await (const ws of client.paginate("workspaces.list", {
      params: { tenantId: TENANT },
      query: { limit: 1 },
    })) {
      names.push(ws.name);
    }
    expect(names).toEqual(["W", "X"]);
    expect(sent.map((s) => new URL(s.url).search)).toEqual(["?limit=1", "?limit=1&cursor=c1"]);
  });
});

describe("redirecting operations", () => {
  it("answers an SSO start's Location instead of following it to the identity provider", async () => {
    const inits: RequestInit[] = [];
    const fetch = (async (_url: string | URL | Request, init?: RequestInit) => {
      inits.push(init ?? {});
      return new Response(null, { status: 302, headers: { location: "https://idp.test/authorize?x=1" } });
    }) as typeof globalThis.fetch;
    const client = createGatehouseClient({ baseUrl: "https://gw.test", fetch });
    const answer = await client.auth.ssoStart({ params: { tenantId: TENANT }, query: { redirect: "/keys" } });
    expect(answer).toEqual({ location: "https://idp.test/authorize?x=1" });
    expect(inits[0]?.redirect).toBe("manual");
  });
});
