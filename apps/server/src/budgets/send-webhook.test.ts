import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parsePrivateUpstreamAllowList } from "../security/private-upstream-allow-list.js";
import { createUpstreamClient } from "../upstream/upstream-client.js";
import { sendWebhook } from "./send-webhook.js";
import { verifyWebhookSignature } from "./webhook-signature.js";

let server: Server;
let url: string;
let answers: number[] = [];
const seen: Array<{ body: string; signature: string | undefined }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({ body, signature: req.headers["gatehouse-signature"] as string | undefined });
      res.writeHead(answers.shift() ?? 200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});
afterEach(() => {
  seen.length = 0;
  answers = [];
});

const port = () => (server.address() as AddressInfo).port;
const allowed = () =>
  createUpstreamClient({
    connectTimeoutMs: 2_000,
    blockPrivateAddresses: true,
    allowList: parsePrivateUpstreamAllowList(`127.0.0.1:${port()}`),
  });

describe("sendWebhook", () => {
  it("signs each attempt and retries 5xx and 429 until a 2xx", async () => {
    answers = [500, 429, 204];
    const dispatcher = allowed();
    const status = await sendWebhook({
      url,
      secret: "whsec_t",
      body: '{"a":1}',
      dispatcher,
      now: Date.now,
      retryDelaysMs: [10, 10, 10],
    });
    await dispatcher.close();
    expect(status).toBe(204);
    expect(seen).toHaveLength(3);
    for (const s of seen)
      expect(verifyWebhookSignature("whsec_t", s.body, s.signature, Date.now() / 1000)).toBe(true);
  });

  it("stops at another 4xx (the receiver refused it) and gives up after the last retry", async () => {
    answers = [400];
    const dispatcher = allowed();
    expect(
      await sendWebhook({ url, secret: "s", body: "{}", dispatcher, now: Date.now, retryDelaysMs: [10] }),
    ).toBe(400);
    expect(seen).toHaveLength(1);
    answers = [503, 503];
    expect(
      await sendWebhook({ url, secret: "s", body: "{}", dispatcher, now: Date.now, retryDelaysMs: [10] }),
    ).toBe(503);
    expect(seen).toHaveLength(3);
    await dispatcher.close();
  });

  it("goes through the SSRF guard: a loopback URL not allow-listed is never reached", async () => {
    const guarded = createUpstreamClient({ connectTimeoutMs: 2_000, blockPrivateAddresses: true });
    const status = await sendWebhook({
      url,
      secret: "s",
      body: "{}",
      dispatcher: guarded,
      now: Date.now,
      retryDelaysMs: [10],
    });
    await guarded.close();
    expect(status).toBe(0);
    expect(seen).toHaveLength(0);
  });
});
