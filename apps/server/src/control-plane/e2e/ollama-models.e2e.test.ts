import { type FakeServer, startFakeOllama, startFakeOpenAI } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPasswordHasher } from "../../identity/session/password-hasher.js";
import { registerProvider } from "../../services/register-provider.js";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { apiClient } from "./control-plane-api.js";

/** Local models of an Ollama provider (ollama.*) against the fake Ollama: docs/local-models.md. */
const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1 });
const PASSWORD = "correct horse battery staple";
let ollama: FakeServer;
/** Progress lines 200 ms apart: a pull still runs when the next request comes. */
let slow: FakeServer;
let openai: FakeServer;
let gw: TestGateway;
let call: ReturnType<typeof apiClient>;
let owner: string;
let viewer: string;
let base: string;

async function logIn(email: string, role: "owner" | "viewer"): Promise<string> {
  await gw.store.users.create({
    tenantId: gw.tenant.id,
    email,
    name: email,
    role,
    passwordHash: await hasher.hash(PASSWORD),
  });
  return (await call("POST", "/api/auth/login", { body: { email, password: PASSWORD } })).json.accessToken;
}

beforeAll(async () => {
  ollama = await startFakeOllama();
  slow = await startFakeOllama({ chunkDelayMs: 200 });
  openai = await startFakeOpenAI();
  gw = await startTestGateway({
    passwordHasher: hasher,
    providers: [
      { name: "local", kind: "ollama", baseUrl: ollama.url },
      { name: "slow", kind: "ollama", baseUrl: slow.url },
      { name: "cloud", baseUrl: openai.url, apiKey: "sk-x", models: ["gpt"] },
    ],
  });
  call = apiClient(gw.url);
  owner = await logIn("owner@acme.test", "owner");
  viewer = await logIn("viewer@acme.test", "viewer");
  const local = (await gw.store.providers.list(gw.tenant.id)).find((p) => p.name === "local")!;
  base = `/api/tenants/${gw.tenant.id}/providers/${local.id}/ollama/models`;
}, 60_000);
afterAll(async () => {
  await gw.close();
  await ollama.close();
  await slow.close();
  await openai.close();
});

/** The server-sent events of a response body, in order. */
function eventsOf(text: string): Array<{ event: string; data: Record<string, unknown> }> {
  return text
    .split("\n\n")
    .filter((block) => block.trim() !== "")
    .map((block) => {
      const lines = block.split("\n");
      const event = lines.find((l) => l.startsWith("event: "))!.slice(7);
      const data = JSON.parse(lines.find((l) => l.startsWith("data: "))!.slice(6));
      return { event, data };
    });
}

describe("local models of an Ollama provider", () => {
  it("lists the pulled models with size and details, and shows one", async () => {
    const list = await call("GET", base, { token: viewer });
    expect(list.status).toBe(200);
    expect(list.json.items.map((m: { name: string }) => m.name)).toEqual([
      "llama3.2:latest",
      "nomic-embed-text:latest",
      "qwen3:0.6b",
    ]);
    expect(list.json.items[0]).toMatchObject({
      size: 2_019_393_189,
      modifiedAt: "2025-01-01T00:00:00Z",
      details: { family: "llama", parameterSize: "3.2B", quantization: "Q4_K_M" },
    });
    const show = await call("GET", `${base}/qwen3:0.6b`, { token: viewer });
    expect(show.status).toBe(200);
    expect(show.json).toMatchObject({ name: "qwen3:0.6b", contextLength: 131_072 });
    expect(show.json.capabilities).toContain("completion");
    expect((await call("GET", `${base}/nothing:here`, { token: viewer })).status).toBe(404);
  });

  it("pulls a model streaming progress in order, then lists it; a viewer gets 403", async () => {
    const denied = await call("POST", `${base}/pull`, { token: viewer, body: { model: "mistral" } });
    expect(denied.status).toBe(403);

    const pull = await call("POST", `${base}/pull`, { token: owner, body: { model: "mistral" } });
    expect(pull.status).toBe(200);
    expect(pull.headers.get("content-type")).toContain("text/event-stream");
    const events = eventsOf(pull.text);
    expect(events[0]).toEqual({ event: "progress", data: { status: "pulling manifest" } });
    const completed = events.filter((e) => e.data.completed !== undefined).map((e) => e.data.completed);
    expect(completed).toEqual([...completed].sort((a, b) => Number(a) - Number(b)));
    expect(completed.at(-1)).toBe(2_019_393_189);
    expect(events.at(-1)).toEqual({ event: "success", data: { message: "Pulled mistral." } });
    const names = (await call("GET", base, { token: owner })).json.items.map((m: { name: string }) => m.name);
    expect(names).toContain("mistral:latest");
  });

  it("runs one pull per model per tenant at a time (409 for a second one meanwhile)", async () => {
    const slowId = (await gw.store.providers.list(gw.tenant.id)).find((p) => p.name === "slow")!.id;
    const slowBase = base.replace(/providers\/[^/]+/, `providers/${slowId}`);
    const first = await fetch(`${gw.url}${slowBase}/pull`, {
      method: "POST",
      headers: { authorization: `Bearer ${owner}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "gemma3" }),
    });
    expect(first.status).toBe(200);
    const second = await call("POST", `${slowBase}/pull`, { token: owner, body: { model: "gemma3" } });
    expect(second.status).toBe(409);
    // Another model, or the same one in another pull later, is not held up.
    const other = await call("POST", `${base}/pull`, { token: owner, body: { model: "phi3" } });
    expect(eventsOf(other.text).at(-1)!.event).toBe("success");
    expect(eventsOf(await first.text()).at(-1)!.event).toBe("success");
    const third = await call("POST", `${slowBase}/pull`, { token: owner, body: { model: "gemma3" } });
    expect(eventsOf(third.text).at(-1)!.event).toBe("success");
  });

  it("a pull Ollama refuses ends with an error event", async () => {
    const pull = await call("POST", `${base}/pull`, { token: owner, body: { model: "missing-model" } });
    const events = eventsOf(pull.text);
    expect(events.at(-1)!.event).toBe("error");
    expect(String(events.at(-1)!.data.message)).toContain("file does not exist");
  });

  it("registers a pulled model in the catalog in one step; chat completions reach it", async () => {
    const reg = await call("POST", `${base}/register`, { token: owner, body: { model: "qwen3:0.6b" } });
    expect(reg.status).toBe(201);
    expect(reg.json).toMatchObject({ name: "qwen3:0.6b" });
    expect(reg.json.deployments).toHaveLength(1);
    expect(reg.json.deployments[0]).toMatchObject({ upstreamModel: "qwen3:0.6b" });
    const res = await fetch(`${gw.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${gw.key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "qwen3:0.6b", messages: [{ role: "user", content: "hi" }] }),
    });
    expect(res.status).toBe(200);
    expect(ollama.requests.some((r) => r.path === "/api/chat")).toBe(true);
    const again = await call("POST", `${base}/register`, { token: owner, body: { model: "qwen3:0.6b" } });
    expect(again.status).toBe(409);
    const notPulled = await call("POST", `${base}/register`, { token: owner, body: { model: "phi4" } });
    expect(notPulled.status).toBe(400);
  });

  it("deletes a model (viewer 403), then it is gone", async () => {
    expect((await call("DELETE", `${base}/mistral:latest`, { token: viewer })).status).toBe(403);
    expect((await call("DELETE", `${base}/mistral:latest`, { token: owner })).status).toBe(204);
    const names = (await call("GET", base, { token: owner })).json.items.map((m: { name: string }) => m.name);
    expect(names).not.toContain("mistral:latest");
    expect((await call("DELETE", `${base}/mistral:latest`, { token: owner })).status).toBe(404);
  });

  it("answers 404 for a non-Ollama provider and for another tenant's provider", async () => {
    const cloud = (await gw.store.providers.list(gw.tenant.id)).find((p) => p.name === "cloud")!;
    const onCloud = `/api/tenants/${gw.tenant.id}/providers/${cloud.id}/ollama/models`;
    expect((await call("GET", onCloud, { token: owner })).status).toBe(404);
    const other = await gw.store.tenants.create({ name: "Other" });
    const { provider } = await registerProvider(gw.store, gw.credentialVault, {
      tenantId: other.id,
      name: "theirs",
      kind: "ollama",
      baseUrl: ollama.url,
    });
    const cross = `/api/tenants/${gw.tenant.id}/providers/${provider.id}/ollama/models`;
    expect((await call("GET", cross, { token: owner })).status).toBe(404);
    expect(
      (await call("GET", `/api/tenants/${other.id}/providers/${provider.id}/ollama/models`, { token: owner }))
        .status,
    ).toBe(404);
  });
});
