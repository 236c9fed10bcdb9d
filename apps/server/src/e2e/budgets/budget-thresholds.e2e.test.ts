import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type FakeServer, type SmtpSink, startFakeOpenAI, startSmtpSink } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyWebhookSignature } from "../../budgets/webhook-signature.js";
import { apiClient } from "../../control-plane/e2e/control-plane-api.js";
import { createSmtpMailer } from "../../email/smtp-mailer.js";
import { createPasswordHasher } from "../../identity/session/password-hasher.js";
import { parsePrivateUpstreamAllowList } from "../../security/private-upstream-allow-list.js";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { addModel, addProvider } from "../routing/routing-fixture.js";

// Soft thresholds: a $0.04 budget and $0.01 requests. Crossing 50, 80 and 100 % sends one email to the
// tenant's owner per threshold (a real SMTP peer) and one signed webhook per threshold, through the
// SSRF-guarded dispatcher (the receiver's 127.0.0.1 port is allow-listed as an operator would), retried
// after the receiver's first 500.
const CENT = 10_000_000;
const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1 });
let fake: FakeServer;
let smtp: SmtpSink;
let receiver: Server;
let gw: TestGateway;
const received: Array<{ body: string; headers: IncomingHttpHeaders }> = [];
let answered = 0;

beforeAll(async () => {
  fake = await startFakeOpenAI({ chunks: 5 });
  smtp = await startSmtpSink();
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      // The first delivery fails: the retry is what arrives.
      if (answered++ === 0) return res.writeHead(500).end();
      received.push({ body, headers: req.headers });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const port = (receiver.address() as AddressInfo).port;
  gw = await startTestGateway({
    passwordHasher: hasher,
    mailer: createSmtpMailer({ url: smtp.url, from: "Gatehouse <gh@test.local>" }),
    allowedPrivateUpstreams: parsePrivateUpstreamAllowList(`127.0.0.1:${port}`),
    budgets: { webhookRetryDelaysMs: [50, 50] },
  });
  await addProvider(gw, "up", "openai", fake);
  await addModel(gw, "cent", [{ provider: "up" }], { inputPricePerMTok: 0, outputPricePerMTok: 2e12 });
});
afterAll(async () => {
  await gw.close();
  await fake.close();
  await smtp.close();
  await new Promise((r) => receiver.close(r));
});

async function chat(): Promise<number> {
  const res = await fetch(`${gw.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${gw.key}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "cent", max_tokens: 5, messages: [{ role: "user", content: "hi" }] }),
  });
  await res.arrayBuffer();
  return res.status;
}

describe("budget thresholds", () => {
  it("emails the owners and posts a signed webhook once per threshold", async () => {
    const call = apiClient(gw.url);
    await gw.store.users.create({
      tenantId: gw.tenant.id,
      email: "olive@acme.test",
      name: "Olive",
      role: "owner",
      passwordHash: await hasher.hash("correct horse battery staple"),
    });
    const login = await call("POST", "/api/auth/login", {
      body: { email: "olive@acme.test", password: "correct horse battery staple" },
    });
    const token = login.json.accessToken as string;
    const t = gw.tenant.id;
    const port = (receiver.address() as AddressInfo).port;
    const hook = await call("PUT", `/api/tenants/${t}/budget-webhook`, {
      token,
      body: { url: `http://127.0.0.1:${port}/hooks/budget` },
    });
    const secret = hook.json.secret as string;
    const budget = await call("POST", `/api/tenants/${t}/budgets`, {
      token,
      body: { scopeKind: "tenant", metric: "cost", period: "monthly", limit: 4 * CENT },
    });
    expect(budget.status).toBe(201);

    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push(await chat());
    expect(statuses).toEqual([200, 200, 200, 200, 402]);

    const deadline = Date.now() + 5_000;
    while (received.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 200)); // nothing more may come
    const events = received.map((r) => {
      const signature = r.headers["gatehouse-signature"] as string;
      expect(verifyWebhookSignature(secret, r.body, signature, Date.now() / 1000)).toBe(true);
      return JSON.parse(r.body) as { type: string; threshold: number; spent: number; budget: { id: string } };
    });
    expect(events.map((e) => e.threshold).sort((a, b) => a - b)).toEqual([50, 80, 100]);
    expect(events.every((e) => e.type === "budget.threshold" && e.budget.id === budget.json.id)).toBe(true);
    expect(events.find((e) => e.threshold === 100)!.spent).toBe(4 * CENT);

    for (const threshold of [50, 80, 100])
      await smtp.waitForMessage((m) => m.subject.startsWith(`${threshold}% of`), 5_000);
    const mails = smtp.messages.filter((m) => m.subject.includes("monthly budget of the organization"));
    expect(mails).toHaveLength(3);
    expect(mails.every((m) => m.to.includes("olive@acme.test"))).toBe(true);
    expect(mails.find((m) => m.subject.startsWith("100%"))!.text).toContain("$0.04 of its $0.04");
  });
});
