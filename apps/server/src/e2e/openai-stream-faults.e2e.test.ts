import { request } from "node:http";
import { type FakeServer, startFakeOpenAI } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../testing/start-test-gateway.js";

let fake: FakeServer;
let slow: FakeServer;
let gw: TestGateway;

beforeAll(async () => {
  fake = await startFakeOpenAI({ chunks: 8, faultAfterChunks: 3 });
  slow = await startFakeOpenAI({ chunks: 40, chunkDelayMs: 50 });
  gw = await startTestGateway({
    timeouts: { idleMs: 500 },
    providers: [
      { name: "fake", baseUrl: fake.url, apiKey: "sk-a", models: ["m"] },
      { name: "slow", baseUrl: slow.url, apiKey: "sk-b", models: ["slow"] },
    ],
  });
});
afterAll(async () => {
  await gw.close();
  await fake.close();
  await slow.close();
});

async function stream(model = "m") {
  const res = await fetch(`${gw.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${gw.key}` },
    body: JSON.stringify({ model, messages: [{ role: "user", content: "Hello there" }], stream: true }),
  });
  return { res, text: await res.text(), id: res.headers.get("x-gatehouse-request-id")! };
}

/** The request's record once final (a record without reported usage waits for its prompt's token count). */
async function record(id: string) {
  await gw.app.runtime.usage.flush();
  let rec = await gw.store.usage.get(gw.tenant.id, id);
  for (let i = 0; i < 100 && (rec === undefined || rec.status === "pending"); i++) {
    await new Promise((r) => setTimeout(r, 20));
    await gw.app.runtime.usage.flush();
    rec = await gw.store.usage.get(gw.tenant.id, id);
  }
  return rec;
}

describe("OpenAI streams that fail after the first byte", () => {
  it.each(["reset-mid-stream", "cut-stream", "stall-mid-stream"] as const)(
    "%s → an in-stream error event, no [DONE], usage = what was delivered",
    async (mode) => {
      fake.setMode(mode, 1);
      const { res, text, id } = await stream();
      expect(res.status).toBe(200);
      expect(text).toContain("Hello");
      expect(text).not.toContain("[DONE]");
      const last = text.trim().split("\n\n").at(-1)!;
      expect(JSON.parse(last.replace(/^data: /, ""))).toMatchObject({ error: { code: expect.any(String) } });
      const rec = await record(id);
      // "Hello there" is 2 tokens (counted with the tokenizer: the upstream reported nothing).
      expect(rec).toMatchObject({ status: "interrupted", usageEstimated: true, inputTokens: 2 });
      expect(rec!.outputTokens).toBeGreaterThan(0);
    },
  );

  it("an upstream in-stream error event passes through and the record says error", async () => {
    fake.setMode("stream-error", 1);
    const { text, id } = await stream();
    expect(text).toContain('"error"');
    expect(text).not.toContain("[DONE]");
    expect((await record(id))?.status).not.toBe("success");
  });

  it("a client that goes away mid-stream leaves an interrupted record with the delivered tokens", async () => {
    const id = await new Promise<string>((resolve, reject) => {
      const req = request(
        `${gw.url}/v1/chat/completions`,
        { method: "POST", headers: { authorization: `Bearer ${gw.key}` } },
        (res) => {
          let seen = 0;
          res.on("data", () => {
            if (++seen === 4) {
              req.destroy();
              resolve(String(res.headers["x-gatehouse-request-id"]));
            }
          });
        },
      );
      req.on("error", () => {});
      req.end(
        JSON.stringify({ model: "slow", messages: [{ role: "user", content: "Hello there" }], stream: true }),
      );
      setTimeout(() => reject(new Error("no chunks")), 5_000);
    });
    let rec = await record(id);
    for (let i = 0; i < 50 && rec?.status === "pending"; i++) {
      await new Promise((r) => setTimeout(r, 20));
      rec = await record(id);
    }
    expect(rec).toMatchObject({ status: "interrupted", usageEstimated: true });
    expect(rec!.outputTokens).toBeGreaterThan(0);
    expect(rec!.outputTokens).toBeLessThan(40);
  });
});
