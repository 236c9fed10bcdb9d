import { type FakeServer, startFakeOpenAI } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPasswordHasher } from "../../identity/session/password-hasher.js";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { apiClient } from "./control-plane-api.js";

/** Disabling a provider (providers.update `disabled`): routing leaves it out at once, enabling restores it. */
const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1 });
const PASSWORD = "correct horse battery staple";
let fake: FakeServer;
let gw: TestGateway;
let call: ReturnType<typeof apiClient>;
let owner: string;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  gw = await startTestGateway({
    passwordHasher: hasher,
    providers: [
      { name: "primary", baseUrl: fake.url, apiKey: "sk-primary", models: ["chat"] },
      { name: "other", baseUrl: fake.url, apiKey: "sk-other", models: ["other-chat"] },
    ],
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
afterAll(async () => {
  await gw.close();
  await fake.close();
});

const chat = (model: string) =>
  fetch(`${gw.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${gw.key}`, "content-type": "application/json" },
    body: JSON.stringify({ model, messages: [{ role: "user", content: "hi" }] }),
  });

describe("disabling a provider", () => {
  it("stops routing to it (its deployments kept), audited; enabling routes to it again", async () => {
    const [primary] = (await gw.store.providers.list(gw.tenant.id)).filter((p) => p.name === "primary");
    const path = `/api/tenants/${gw.tenant.id}/providers/${primary!.id}`;
    expect((await call("GET", path, { token: owner })).json.disabled).toBe(false);
    expect((await chat("chat")).status).toBe(200);

    const disabled = await call("PATCH", path, { token: owner, body: { disabled: true } });
    expect(disabled.status).toBe(200);
    expect(disabled.json).toMatchObject({ name: "primary", disabled: true });
    fake.requests.length = 0;
    const refused = await chat("chat");
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(fake.requests).toHaveLength(0);
    // Other providers route as before; the model keeps its deployment.
    expect((await chat("other-chat")).status).toBe(200);
    const [model] = (await gw.store.models.list(gw.tenant.id)).filter((m) => m.name === "chat");
    expect(model!.deployments).toHaveLength(1);

    const enabled = await call("PATCH", path, { token: owner, body: { disabled: false } });
    expect(enabled.json.disabled).toBe(false);
    expect((await chat("chat")).status).toBe(200);

    const audit = await gw.store.forTenant(gw.tenant.id).audit.list({ limit: 50, order: "asc" });
    const changes = audit.items.filter((e) => e.action === "providers.update");
    expect(changes.map((e) => (e.after as { disabled: boolean }).disabled)).toEqual([true, false]);
  });
});
