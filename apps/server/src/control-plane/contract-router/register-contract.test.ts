import { defineContract } from "@gatehouse/contracts";
import { GatewayError } from "@gatehouse/protocol";
import type { FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { type ContractHandler, type ContractInput, registerContract } from "./register-contract.js";
import {
  AS,
  bareApp,
  countThings,
  createThing,
  deleteThing,
  exportThings,
  fakeDeps,
  getMe,
  getStatus,
  getThing,
  KEY,
  OTHER_TENANT,
  TENANT,
  THING,
  USER,
  WORKSPACE,
} from "./testing/contract-test-app.js";

const THINGS = `/api/tenants/${TENANT}/workspaces/${WORKSPACE}/things`;
const json = { "content-type": "application/json" };

let app: FastifyInstance;
let bodiesRead: () => number;
let calls: ReturnType<typeof fakeDeps>["calls"];
let seen: Array<ContractInput>;
let row: Record<string, unknown>;

beforeEach(() => {
  ({ app, bodiesRead } = bareApp());
  const fake = fakeDeps();
  calls = fake.calls;
  seen = [];
  row = { id: THING, name: "n", size: null };
  const record =
    <T>(answer: (input: ContractInput) => T): ContractHandler =>
    async (input) => {
      seen.push(input);
      return answer(input) as never;
    };
  registerContract(
    app,
    createThing,
    record(({ body }) => ({ ...row, name: body.name })),
    fake.deps,
  );
  registerContract(
    app,
    getThing,
    record(({ params }) => {
      if (params.thingId !== THING) throw new GatewayError("not_found");
      return row;
    }),
    fake.deps,
  );
  registerContract(
    app,
    deleteThing,
    record(() => null),
    fake.deps,
  );
  registerContract(
    app,
    exportThings,
    record(() => "id,name\nthg_1,n\n"),
    fake.deps,
  );
  registerContract(
    app,
    countThings,
    record(({ tenantId }) => ({ tenantId, count: 3 })),
    fake.deps,
  );
  registerContract(
    app,
    getMe,
    record(({ principal }) => ({ userId: principal?.kind })),
    fake.deps,
  );
  registerContract(
    app,
    getStatus,
    record(() => ({ ok: true })),
    fake.deps,
  );
});

afterEach(async () => {
  await app.close();
});

describe("authentication", () => {
  it("answers 401 without credentials before reading the body or calling the handler", async () => {
    for (const headers of [json, { ...json, authorization: "Bearer nobody" }]) {
      const res = await app.inject({ method: "POST", url: THINGS, headers, payload: '{"name":"x"}' });
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toMatchObject({ code: "unauthenticated", requestId: expect.any(String) });
      expect(res.headers["cache-control"]).toBe("no-store");
    }
    expect(bodiesRead()).toBe(0);
    expect(seen).toHaveLength(0);
    expect(calls.authorize).toBe(0);
    // The same request with credentials does read its body: the counter above would have seen it.
    await app.inject({
      method: "POST",
      url: THINGS,
      headers: { ...AS.user, ...json },
      payload: '{"name":"x"}',
    });
    expect([bodiesRead(), seen.length]).toEqual([1, 1]);
  });

  it("serves a public operation anonymously, without authenticating", async () => {
    const res = await app.inject({ method: "GET", url: "/api/status" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(calls.authenticate).toBe(0);
    expect(seen[0]?.principal).toBeNull();
  });
});

describe("validation", () => {
  it("answers 400 with every issue, its path prefixed by where it is", async () => {
    const body = await app.inject({
      method: "POST",
      url: THINGS,
      headers: { ...AS.user, ...json },
      payload: "{}",
    });
    expect(body.statusCode).toBe(400);
    expect(body.json().error).toMatchObject({ code: "invalid_request", requestId: expect.any(String) });
    expect(body.json().error.issues.map((i: { path: string }) => i.path)).toEqual(["body.name"]);

    const query = await app.inject({
      url: `/api/tenants/${TENANT}/things/${THING}?limit=0`,
      headers: AS.user,
    });
    expect(query.statusCode).toBe(400);
    expect(query.json().error.issues).toEqual([{ path: "query.limit", message: expect.any(String) }]);

    const params = await app.inject({ url: `/api/tenants/nope/things/${THING}`, headers: AS.user });
    expect(params.statusCode).toBe(400);
    expect(params.json().error.issues).toEqual([{ path: "params.tenantId", message: "Not a valid id." }]);
    expect(seen).toHaveLength(0);
  });

  it("hands the handler only the fields the schemas declare", async () => {
    const payload = { name: "mine", size: 2, tenantId: OTHER_TENANT, role: "owner", __proto__x: 1 };
    const res = await app.inject({ method: "POST", url: THINGS, headers: { ...AS.user, ...json }, payload });
    expect(res.statusCode).toBe(201);
    expect(seen[0]?.body).toEqual({ name: "mine", size: 2 });
    expect(seen[0]?.params).toEqual({ tenantId: TENANT, workspaceId: WORKSPACE });
    expect(seen[0]?.tenantId).toBe(TENANT);
    expect(seen[0]?.principal).toEqual(USER);
    expect(seen[0]?.request).toMatchObject({ id: expect.any(String), ip: expect.any(String) });
  });

  it("refuses bodies that are not JSON objects of the right type, size and depth", async () => {
    const post = (payload: string, headers: Record<string, string> = json) =>
      app.inject({ method: "POST", url: THINGS, headers: { ...AS.user, ...headers }, payload });
    const invalidJson = await post('{"name":');
    expect([invalidJson.statusCode, invalidJson.json().error.code]).toEqual([400, "invalid_json"]);
    const wrongType = await post('{"name":"x"}', { "content-type": "text/plain" });
    expect([wrongType.statusCode, wrongType.json().error.code]).toEqual([415, "unsupported_media_type"]);
    const deep = await post(`{"name":${"[".repeat(70)}${"]".repeat(70)}}`);
    expect([deep.statusCode, deep.json().error.code]).toEqual([400, "invalid_request"]);
    expect(deep.json().error.message).toContain("deeper than 64");
    const empty = await app.inject({ method: "POST", url: THINGS, headers: AS.user });
    expect([empty.statusCode, empty.json().error.message]).toEqual([400, "A JSON body is required."]);
    const huge = await post(JSON.stringify({ name: "x", pad: "a".repeat(1_100_000) }));
    expect([huge.statusCode, huge.json().error.code]).toEqual([413, "payload_too_large"]);
    const notObject = await post("[1,2]");
    expect([notObject.statusCode, notObject.json().error.issues[0].path]).toEqual([400, "body"]);
    expect(seen).toHaveLength(0);
  });
});

describe("access", () => {
  it("answers a tenant the caller cannot see exactly like a resource that does not exist", async () => {
    const hidden = await app.inject({
      url: `/api/tenants/${OTHER_TENANT}/things/${THING}`,
      headers: AS.user,
    });
    const missing = await app.inject({
      url: `/api/tenants/${TENANT}/things/thg_${"Z".repeat(20)}`,
      headers: AS.user,
    });
    expect(hidden.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    const strip = (body: { error: Record<string, unknown> }) => ({ ...body.error, requestId: undefined });
    expect(strip(hidden.json())).toEqual(strip(missing.json()));
    expect(Object.keys(hidden.json().error).sort()).toEqual(Object.keys(missing.json().error).sort());
  });

  it("answers 403 to a caller who sees the tenant but lacks the permission", async () => {
    const res = await app.inject({
      method: "POST",
      url: THINGS,
      headers: { ...AS.reader, ...json },
      payload: '{"name":"x"}',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("permission_denied");
    expect(seen).toHaveLength(0);
  });

  it("lets only users call a user operation", async () => {
    expect((await app.inject({ url: "/api/me", headers: AS.user })).json()).toEqual({ userId: "user" });
    const key = await app.inject({ url: "/api/me", headers: AS.key });
    expect([key.statusCode, key.json().error.code]).toEqual([403, "permission_denied"]);
  });

  it("acts in the calling key's tenant when the path names none; a user there gets 404", async () => {
    const key = await app.inject({ url: "/api/things/count", headers: AS.key });
    expect(key.json()).toEqual({ tenantId: KEY.kind === "api_key" ? KEY.tenantId : "", count: 3 });
    const user = await app.inject({ url: "/api/things/count", headers: AS.user });
    expect([user.statusCode, user.json().error.code]).toEqual([404, "not_found"]);
  });
});

describe("answers", () => {
  it("strips fields the response schema does not declare", async () => {
    row = { ...row, passwordHash: "argon2id$secret", keyHash: "abc" };
    const res = await app.inject({ url: `/api/tenants/${TENANT}/things/${THING}`, headers: AS.user });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: THING, name: "n", size: null });
    expect(res.body).not.toContain("argon2id");
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
  });

  it("answers 500 internal_error, leaking nothing, when a result does not match its contract", async () => {
    row = { id: "not-an-id", name: "n", size: null, passwordHash: "argon2id$secret" };
    const res = await app.inject({ url: `/api/tenants/${TENANT}/things/${THING}`, headers: AS.user });
    expect(res.statusCode).toBe(500);
    expect(res.json().error.code).toBe("internal_error");
    expect(res.body).not.toContain("not-an-id");
    expect(res.body).not.toContain("argon2id");
  });

  it("sends 204 without a body and a text export with its media type", async () => {
    const del = await app.inject({
      method: "DELETE",
      url: `/api/tenants/${TENANT}/things/${THING}`,
      headers: AS.user,
    });
    expect([del.statusCode, del.body]).toEqual([204, ""]);
    const csv = await app.inject({ url: `/api/tenants/${TENANT}/things/export`, headers: AS.user });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toBe("text/csv");
    expect(csv.body).toBe("id,name\nthg_1,n\n");
  });

  it("renders a handler's GatewayError in the API error shape", async () => {
    const res = await app.inject({
      url: `/api/tenants/${TENANT}/things/thg_${"Q".repeat(20)}`,
      headers: AS.user,
    });
    expect(res.json()).toEqual({
      error: {
        code: "not_found",
        message: "The resource does not exist.",
        requestId: res.json().error.requestId,
      },
    });
    expect(res.headers["cache-control"]).toBe("no-store");
  });
});

describe("redirects", () => {
  const go = defineContract({
    id: "things.go",
    method: "GET",
    path: "/api/go",
    tag: "Things",
    summary: "Redirect somewhere",
    access: "public",
    query: z.object({ to: z.string().optional() }),
    response: z.object({ location: z.string() }),
    status: 302,
  });

  it("sends 302 with the handler's location, no body, and 500 for a redirect without one", async () => {
    registerContract(
      app,
      go,
      async ({ query }) => (query.to === undefined ? ({} as never) : { location: query.to }),
      fakeDeps().deps,
    );
    const res = await app.inject({ url: "/api/go?to=https://idp.example/auth?x=1" });
    expect([res.statusCode, res.headers.location, res.body]).toEqual([
      302,
      "https://idp.example/auth?x=1",
      "",
    ]);
    expect(res.headers["cache-control"]).toBe("no-store");
    const broken = await app.inject({ url: "/api/go" });
    expect([broken.statusCode, broken.json().error.code]).toEqual([500, "internal_error"]);
  });
});
