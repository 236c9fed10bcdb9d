import Anthropic from "@anthropic-ai/sdk";
import { GoogleGenAI } from "@google/genai";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueApiKey } from "../auth/issue-api-key.js";
import { startTestGateway, type TestGateway } from "../testing/start-test-gateway.js";

let gw: TestGateway;
let openai: OpenAI;
let anthropic: Anthropic;
let gemini: GoogleGenAI;
let narrowKey: string;

beforeAll(async () => {
  gw = await startTestGateway({
    // Nothing is forwarded: a model is answered from the catalog, so the upstream is never reached.
    providers: [
      {
        name: "up",
        baseUrl: "http://127.0.0.1:9/v1",
        apiKey: "sk-x",
        models: ["gpt-4o-mini", "openai/gpt-4o"],
      },
    ],
  });
  const mini = await gw.store.models.findByName(gw.tenant.id, "gpt-4o-mini");
  await gw.store.models.update(gw.tenant.id, mini!.id, { aliases: ["fast"] });
  const workspace = (await gw.store.forTenant(gw.tenant.id).workspaces.list({ limit: 1, order: "asc" }))
    .items[0]!;
  narrowKey = (
    await issueApiKey(gw.store, {
      tenantId: gw.tenant.id,
      workspaceId: workspace.id,
      userId: null,
      name: "narrow",
      allowedModels: ["openai/*"],
    })
  ).secret;
  await gw.app.refresh();
  openai = new OpenAI({ apiKey: gw.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
  anthropic = new Anthropic({ apiKey: gw.key, baseURL: gw.url, maxRetries: 0 });
  gemini = new GoogleGenAI({ apiKey: gw.key, httpOptions: { baseUrl: gw.url } });
});
afterAll(() => gw.close());

describe("one model by name, on every surface", () => {
  it("OpenAI SDK: retrieves a model, an alias under its own name, and a name with a slash", async () => {
    const model = await openai.models.retrieve("gpt-4o-mini");
    expect(model).toMatchObject({ id: "gpt-4o-mini", object: "model", owned_by: "gatehouse" });
    expect(model.created).toBeGreaterThan(1_600_000_000);
    expect(model.created).toBeLessThan(Date.now() / 1000 + 1);
    expect((await openai.models.retrieve("fast")).id).toBe("fast");
    expect((await openai.models.retrieve("openai/gpt-4o")).id).toBe("openai/gpt-4o");
  });

  it("OpenAI SDK: an unknown model and one outside the key's allow-list are both a 404 model_not_found", async () => {
    const unknown = await openai.models.retrieve("gpt-9").catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(OpenAI.NotFoundError);
    expect((unknown as InstanceType<typeof OpenAI.NotFoundError>).code).toBe("model_not_found");
    const narrow = new OpenAI({ apiKey: narrowKey, baseURL: `${gw.url}/v1`, maxRetries: 0 });
    expect((await narrow.models.retrieve("openai/gpt-4o")).id).toBe("openai/gpt-4o");
    const hidden = await narrow.models.retrieve("gpt-4o-mini").catch((e: unknown) => e);
    expect(hidden).toBeInstanceOf(OpenAI.NotFoundError);
    expect((hidden as Error).message).toBe((unknown as Error).message.replace("gpt-9", "gpt-4o-mini"));
  });

  it("Anthropic SDK: lists and retrieves models with RFC 3339 creation times of today, not of year 55,000", async () => {
    const page = await anthropic.models.list();
    const listed = page.data.find((m) => m.id === "gpt-4o-mini");
    const one = await anthropic.models.retrieve("gpt-4o-mini");
    for (const m of [listed!, one]) {
      expect(m).toMatchObject({ type: "model", id: "gpt-4o-mini", display_name: "gpt-4o-mini" });
      expect(m.created_at).toMatch(/^20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(Math.abs(Date.parse(m.created_at) - Date.now())).toBeLessThan(3_600_000);
    }
    const missing = await anthropic.models.retrieve("claude-9").catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(Anthropic.NotFoundError);
    expect((missing as InstanceType<typeof Anthropic.NotFoundError>).error).toMatchObject({
      type: "error",
      error: { type: "not_found_error" },
    });
  });

  it("Gemini SDK: gets a model; an unknown one is a 404 NOT_FOUND", async () => {
    const model = await gemini.models.get({ model: "gpt-4o-mini" });
    expect(model.name).toBe("models/gpt-4o-mini");
    const missing = await gemini.models.get({ model: "gemini-9" }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ status: 404 });
    expect(String((missing as Error).message)).toContain("NOT_FOUND");
  });

  it("the key is checked before anything else: no key is a 401 in the surface's shape", async () => {
    const res = await fetch(`${gw.url}/v1/models/gpt-4o-mini`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("missing_api_key");
  });
});
