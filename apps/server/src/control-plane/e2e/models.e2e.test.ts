import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPasswordHasher } from "../../identity/session/password-hasher.js";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { apiClient } from "./control-plane-api.js";

/** Models of a tenant over the API, end to end: integer prices, settings, pagination, audit, 404s. */
const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1 });
const PASSWORD = "correct horse battery staple";
let gw: TestGateway;
let call: ReturnType<typeof apiClient>;
let owner: string;

beforeAll(async () => {
  gw = await startTestGateway({
    passwordHasher: hasher,
    providers: [{ name: "alpha", baseUrl: "http://127.0.0.1:9/v1", apiKey: "sk-a", models: ["routed"] }],
  });
  call = apiClient(gw.url);
  await gw.store.users.create({
    tenantId: gw.tenant.id,
    email: "owner@acme.test",
    name: "Olive Owner",
    role: "owner",
    passwordHash: await hasher.hash(PASSWORD),
  });
  owner = (await call("POST", "/api/auth/login", { body: { email: "owner@acme.test", password: PASSWORD } }))
    .json.accessToken;
});
afterAll(() => gw.close());

describe("models of a tenant, end to end", () => {
  const base = () => `/api/tenants/${gw.tenant.id}/models`;

  it("creates, lists (with deployments), updates and deletes models, each change audited and bumping the revision", async () => {
    const revision = await gw.store.revision();
    const created = await call("POST", base(), {
      token: owner,
      body: {
        name: "gpt-x",
        inputPricePerMTok: 2_500_000_000,
        outputPricePerMTok: 10_000_000_000,
        aliases: ["x"],
      },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      name: "gpt-x",
      inputPricePerMTok: 2_500_000_000,
      aliases: ["x"],
      balanceStrategy: "weighted_random",
      deployments: [],
    });
    expect(await gw.store.revision()).toBeGreaterThan(revision);

    const page = await call("GET", `${base()}?limit=1&order=asc`, { token: owner });
    expect(page.json.items.map((m: { name: string }) => m.name)).toEqual(["routed"]);
    expect(page.json.items[0].deployments).toHaveLength(1);
    const next = await call("GET", `${base()}?limit=1&order=asc&cursor=${page.json.nextCursor}`, {
      token: owner,
    });
    expect(next.json.items.map((m: { name: string }) => m.name)).toEqual(["gpt-x"]);

    const updated = await call("PATCH", `${base()}/${created.json.id}`, {
      token: owner,
      body: { outputPricePerMTok: 8_000_000_000, capabilities: { tools: false } },
    });
    expect(updated.json).toMatchObject({ outputPricePerMTok: 8_000_000_000, capabilities: { tools: false } });
    expect((await gw.store.models.get(gw.tenant.id, created.json.id))?.outputPricePerMTok).toBe(
      8_000_000_000,
    );

    expect((await call("DELETE", `${base()}/${created.json.id}`, { token: owner })).status).toBe(204);
    expect((await call("PATCH", `${base()}/${created.json.id}`, { token: owner, body: {} })).status).toBe(
      404,
    );
    const audit = await gw.store.forTenant(gw.tenant.id).audit.list({ limit: 50, order: "asc" });
    expect(audit.items.map((e) => e.action)).toEqual(["models.create", "models.update", "models.delete"]);
  });

  it("refuses fractional or negative prices, a taken name and a self-fallback with 4xx; another tenant's model is 404", async () => {
    const fractional = await call("POST", base(), {
      token: owner,
      body: { name: "f", inputPricePerMTok: 1.5 },
    });
    expect(fractional.status).toBe(400);
    expect(fractional.json.error.issues[0].path).toBe("body.inputPricePerMTok");
    expect(
      (await call("POST", base(), { token: owner, body: { name: "n", outputPricePerMTok: -1 } })).status,
    ).toBe(400);
    expect((await call("POST", base(), { token: owner, body: { name: "routed" } })).status).toBe(409);
    expect(
      (await call("POST", base(), { token: owner, body: { name: "loop", fallbackModels: ["loop"] } })).status,
    ).toBe(400);
    const other = await gw.store.tenants.create({ name: "Other" });
    const foreign = await gw.store.models.create({
      tenantId: other.id,
      name: "theirs",
      inputPricePerMTok: 0,
      outputPricePerMTok: 0,
      contextWindow: null,
      maxOutputTokens: null,
    });
    expect((await call("DELETE", `${base()}/${foreign.id}`, { token: owner })).status).toBe(404);
    expect((await call("GET", `/api/tenants/${other.id}/models`, { token: owner })).status).toBe(404);
  });
});
