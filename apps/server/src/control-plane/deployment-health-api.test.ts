import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueApiKey } from "../auth/issue-api-key.js";
import { registerProvider } from "../services/register-provider.js";
import { startTestGateway, type TestGateway } from "../testing/start-test-gateway.js";
import type { DeploymentHealth } from "./deployment-health.js";

let gw: TestGateway;
let otherKey: string;
let otherDeployment: string;

beforeAll(async () => {
  gw = await startTestGateway({
    providers: [
      { name: "alpha", baseUrl: "http://127.0.0.1:9/v1", apiKey: "sk-a", models: ["m1", "m2"] },
      { name: "beta", baseUrl: "http://127.0.0.1:9/v1", apiKey: "sk-b", models: ["m1"] },
    ],
  });
  const other = await gw.store.tenants.create({ name: "other" });
  const ws = await gw.store.workspaces.create({ tenantId: other.id, name: "w" });
  otherKey = (await issueApiKey(gw.store, { tenantId: other.id, workspaceId: ws.id, name: "k" })).secret;
  await registerProvider(gw.store, gw.credentialVault, {
    tenantId: other.id,
    kind: "openai",
    name: "theirs",
    baseUrl: "http://127.0.0.1:9/v1",
    models: ["m1"],
  });
  otherDeployment = (await gw.store.models.list(other.id))[0]!.deployments[0]!.id;
});
afterAll(async () => {
  await gw.close();
});

async function get(url: string, key = gw.key) {
  return gw.app.server.inject({ method: "GET", url, headers: { authorization: `Bearer ${key}` } });
}

describe("GET /api/deployments/health", () => {
  it("lists the key's tenant's deployments only, with breaker, error rate, in-flight and latency", async () => {
    const res = await get("/api/deployments/health");
    expect(res.statusCode).toBe(200);
    const rows = res.json().deployments as DeploymentHealth[];
    expect(rows.map((r) => `${r.model}@${r.provider}`).sort()).toEqual(["m1@alpha", "m1@beta", "m2@alpha"]);
    expect(rows.some((r) => r.deploymentId === otherDeployment)).toBe(false);
    expect(rows[0]).toMatchObject({
      breaker: { state: "closed", consecutiveFailures: 0, windowRequests: 0 },
      errorRate: null,
      inFlight: 0,
      latencyEwmaMs: null,
    });
  });

  it("shows an opened breaker with its failures, error rate and next probe", async () => {
    const rows = (await get("/api/deployments/health")).json().deployments as DeploymentHealth[];
    const id = rows.find((r) => r.model === "m2")!.deploymentId;
    const rt = gw.app.runtime;
    for (let i = 0; i < 5; i++) await rt.breakers.onFailure(id);
    rt.balancer.latency.record(id, 240);
    rt.balancer.inFlight.increment(id);
    const one = (await get(`/api/deployments/${id}/health`)).json() as DeploymentHealth;
    rt.balancer.inFlight.decrement(id);
    expect(one).toMatchObject({
      deploymentId: id,
      model: "m2",
      provider: "alpha",
      providerKind: "openai",
      breaker: { state: "open", consecutiveFailures: 5, windowFailures: 5, windowRequests: 5 },
      errorRate: 1,
      inFlight: 1,
      latencyEwmaMs: 240,
    });
    expect(one.breaker.nextProbeAt).toBeGreaterThan(Date.now());
  });

  it("answers 404 for another tenant's deployment, as for an unknown one", async () => {
    const foreign = await get(`/api/deployments/${otherDeployment}/health`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toMatchObject({ error: { code: "not_found" } });
    expect((await get("/api/deployments/dep_AAAAAAAAAAAAAAAAAAAA/health")).statusCode).toBe(404);
    // A malformed id is a bad request, answered before anything is looked up.
    expect((await get("/api/deployments/dep_nope/health")).statusCode).toBe(400);
    // The owner sees it.
    expect((await get(`/api/deployments/${otherDeployment}/health`, otherKey)).statusCode).toBe(200);
  });
});
