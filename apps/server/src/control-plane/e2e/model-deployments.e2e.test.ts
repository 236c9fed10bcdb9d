import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPasswordHasher } from "../../identity/session/password-hasher.js";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { apiClient } from "./control-plane-api.js";

/** A model's deployments over the API (the console's model page): add, change, remove, health by tenant. */
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

describe("deployments of a model, end to end", () => {
  const tenant = () => `/api/tenants/${gw.tenant.id}`;

  it("adds, reweighs and removes a deployment, each audited and bumping the revision; health follows", async () => {
    const [provider] = await gw.store.providers.list(gw.tenant.id);
    const model = await call("POST", `${tenant()}/models`, { token: owner, body: { name: "team-model" } });
    expect(model.status).toBe(201);
    const base = `${tenant()}/models/${model.json.id}/deployments`;

    const revision = await gw.store.revision();
    const added = await call("POST", base, {
      token: owner,
      body: { providerId: provider!.id, upstreamModel: "gpt-4o-mini", weight: 3, priority: 1 },
    });
    expect(added.status).toBe(201);
    expect(added.json.deployments).toEqual([
      expect.objectContaining({
        providerId: provider!.id,
        upstreamModel: "gpt-4o-mini",
        weight: 3,
        priority: 1,
      }),
    ]);
    expect(await gw.store.revision()).toBeGreaterThan(revision);
    const deploymentId = added.json.deployments[0].id;

    const health = await call("GET", `${tenant()}/deployments/health`, { token: owner });
    expect(health.status).toBe(200);
    const row = health.json.deployments.find(
      (d: { deploymentId: string }) => d.deploymentId === deploymentId,
    );
    expect(row).toMatchObject({ model: "team-model", provider: "alpha", priority: 1, weight: 3 });
    expect(row.breaker.state).toBe("closed");

    const changed = await call("PATCH", `${base}/${deploymentId}`, { token: owner, body: { weight: 5 } });
    expect(changed.status).toBe(200);
    expect(changed.json.deployments[0]).toMatchObject({ weight: 5, priority: 1 });

    const one = await call("GET", `${tenant()}/models/${model.json.id}`, { token: owner });
    expect(one.json).toMatchObject({ name: "team-model", deployments: [{ id: deploymentId, weight: 5 }] });

    const removed = await call("DELETE", `${base}/${deploymentId}`, { token: owner });
    expect(removed.status).toBe(200);
    expect(removed.json.deployments).toEqual([]);

    const audit = await gw.store.forTenant(gw.tenant.id).audit.list({ limit: 50, order: "asc" });
    expect(audit.items.map((e) => e.action)).toEqual([
      "models.create",
      "models.addDeployment",
      "models.updateDeployment",
      "models.removeDeployment",
    ]);
  });

  it("refuses a bad body, an unknown provider, and a deployment of another model", async () => {
    const [routed] = await gw.store.models.list(gw.tenant.id);
    const other = await call("POST", `${tenant()}/models`, { token: owner, body: { name: "other-model" } });
    const base = `${tenant()}/models/${other.json.id}/deployments`;
    const bad = await call("POST", base, {
      token: owner,
      body: { providerId: "", upstreamModel: "", weight: -1 },
    });
    expect(bad.status).toBe(400);
    const unknown = await call("POST", base, {
      token: owner,
      body: { providerId: "prv_00000000000000000000", upstreamModel: "m" },
    });
    expect(unknown.status).toBe(404);
    // The routed model's deployment, addressed under another model: 404, and it stays.
    const foreign = routed!.deployments[0]!.id;
    expect((await call("DELETE", `${base}/${foreign}`, { token: owner })).status).toBe(404);
    expect((await call("GET", `${tenant()}/models/mdl_00000000000000000000`, { token: owner })).status).toBe(
      404,
    );
    expect((await gw.store.models.getWithDeployments(gw.tenant.id, routed!.id))!.deployments).toHaveLength(1);
  });
});
