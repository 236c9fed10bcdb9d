import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOllama } from "./fake-ollama.js";
import type { FakeServer } from "./fake-server.js";

let fake: FakeServer;
beforeAll(async () => {
  fake = await startFakeOllama();
});
afterAll(() => fake.close());

const post = (path: string, body: object, method = "POST") =>
  fetch(`${fake.url}${path}`, { method, body: JSON.stringify(body) });
const names = async () =>
  ((await (await fetch(`${fake.url}/api/tags`)).json()) as { models: Array<{ name: string }> }).models.map(
    (m) => m.name,
  );

describe("fake Ollama model management", () => {
  it("pull streams NDJSON progress as Ollama does, ending in success, then lists the model", async () => {
    const res = await post("/api/pull", { model: "mistral" });
    expect(res.headers.get("content-type")).toBe("application/x-ndjson");
    const lines = (await res.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({ status: "pulling manifest" });
    expect(lines[1]).toMatchObject({
      digest: expect.stringMatching(/^sha256:/),
      total: 2_019_393_189,
      completed: 0,
    });
    expect(lines.slice(-3).map((l) => l.status)).toEqual([
      "verifying sha256 digest",
      "writing manifest",
      "success",
    ]);
    expect(await names()).toContain("mistral:latest");
  });

  it("a model the registry lacks ends the stream with an error line", async () => {
    const text = await (await post("/api/pull", { model: "missing-one" })).text();
    expect(text.trim().split("\n").at(-1)).toBe('{"error":"pull model manifest: file does not exist"}');
  });

  it("show answers details and model_info; delete removes (then 404)", async () => {
    const show = (await (await post("/api/show", { model: "llama3.2" })).json()) as {
      model_info: Record<string, unknown>;
    };
    expect(show).toMatchObject({ details: { family: "llama" }, capabilities: ["completion", "tools"] });
    expect(show.model_info["llama.context_length"]).toBe(131_072);
    expect((await post("/api/delete", { model: "llama3.2" }, "DELETE")).status).toBe(200);
    expect(await names()).not.toContain("llama3.2:latest");
    expect((await post("/api/delete", { model: "llama3.2" }, "DELETE")).status).toBe(404);
    expect((await post("/api/show", { model: "llama3.2" })).status).toBe(404);
  });
});
