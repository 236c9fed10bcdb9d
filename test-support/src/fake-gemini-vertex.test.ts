import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeGemini } from "./fake-gemini.js";
import type { FakeServer } from "./fake-server.js";

let fake: FakeServer;
beforeAll(async () => {
  fake = await startFakeGemini({ acceptBearer: (t) => t === "ya29.good" });
});
afterAll(() => fake.close());

const PATH = "/v1/projects/my-proj/locations/us-central1/publishers/google/models/gemini-2.5-pro";
const body = { contents: [{ role: "user", parts: [{ text: "Say hello, please" }] }] };

function post(path: string, token?: string) {
  return fetch(`${fake.origin}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

describe("startFakeGemini: Vertex AI paths", () => {
  it("answers generateContent with an accepted Bearer token", async () => {
    const res = await post(`${PATH}:generateContent`, "ya29.good");
    expect(res.status).toBe(200);
    const json = (await res.json()) as { modelVersion: string; candidates: unknown[] };
    expect(json.modelVersion).toBe("gemini-2.5-pro");
    expect(json.candidates).toHaveLength(1);
  });

  it("streams SSE on :streamGenerateContent?alt=sse", async () => {
    const res = await post(`${PATH}:streamGenerateContent?alt=sse`, "ya29.good");
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    expect(await res.text()).toMatch(/^data: /);
  });

  it("answers 401 UNAUTHENTICATED without a token or with one it does not accept", async () => {
    for (const token of [undefined, "ya29.bad"]) {
      const res = await post(`${PATH}:generateContent`, token);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { status: string } }).error.status).toBe("UNAUTHENTICATED");
    }
  });
});
