import { type FakeStripe, startFakeStripe } from "@gatehouse/test-support";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inspectPdf } from "../../billing/testing/inspect-pdf.js";
import { createPasswordHasher } from "../../identity/session/password-hasher.js";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { apiClient } from "./control-plane-api.js";

const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1 });
const PASSWORD = "correct horse battery staple";
const WEBHOOK_SECRET = "whsec_test_gatehouse";
const USD = 1_000_000_000;
let gw: TestGateway;
let stripe: FakeStripe;
let call: ReturnType<typeof apiClient>;
let operator: string;
let beta: { id: string; token: string };
const signer = new Stripe("sk_test_signer");

async function signIn(tenantId: string, email: string): Promise<string> {
  await gw.store.users.create({
    tenantId,
    email,
    name: email,
    role: "owner",
    passwordHash: await hasher.hash(PASSWORD),
  });
  return (await call("POST", "/api/auth/login", { body: { email, password: PASSWORD } })).json.accessToken;
}

/** Posts an event to the webhook signed as Stripe signs it (or with a wrong secret). */
async function deliver(event: object, secret = WEBHOOK_SECRET) {
  const payload = JSON.stringify(event);
  const signature = signer.webhooks.generateTestHeaderString({ payload, secret });
  const res = await fetch(`${gw.url}/api/billing/stripe/webhook`, {
    method: "POST",
    headers: { "content-type": "application/json", "stripe-signature": signature },
    body: payload,
  });
  return { status: res.status, json: (await res.json()) as { outcome?: string; error?: { code: string } } };
}

const event = (id: string, type: string, object: object) => ({
  id,
  object: "event",
  api_version: "2026-11-18.endive",
  created: Math.floor(Date.now() / 1000),
  type,
  data: { object },
  livemode: false,
  pending_webhooks: 1,
  request: { id: null, idempotency_key: null },
});

beforeAll(async () => {
  stripe = await startFakeStripe();
  gw = await startTestGateway({
    passwordHasher: hasher,
    billing: {
      stripe: {
        secretKey: "sk_test_gatehouse",
        webhookSecret: WEBHOOK_SECRET,
        apiBase: new URL(stripe.url),
        successUrl: "https://gw.test/billing?checkout=success",
        cancelUrl: "https://gw.test/billing?checkout=cancel",
      },
    },
  });
  call = apiClient(gw.url);
  operator = await signIn(gw.tenant.id, "operator@gw.test");
  const tenant = await gw.store.tenants.create({ name: "Beta" });
  beta = { id: tenant.id, token: await signIn(tenant.id, "owner@beta.test") };
});
afterAll(async () => {
  await gw.close();
  await stripe.close();
});

describe("billing over the control plane", () => {
  let planId: string;

  it("lets only the operator manage plans and set a tenant's plan; tenants read them", async () => {
    const body = {
      name: "Pro",
      models: ["gpt-4o*"],
      rpm: 600,
      includedNano: 25 * USD,
      stripePriceId: "price_pro",
    };
    const refused = await call("POST", "/api/billing/plans", { token: beta.token, body });
    expect([refused.status, refused.json.error.code]).toEqual([403, "permission_denied"]);
    const created = await call("POST", "/api/billing/plans", { token: operator, body });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      name: "Pro",
      models: ["gpt-4o*"],
      rpm: 600,
      tpm: null,
      includedNano: 25 * USD,
    });
    planId = created.json.id;
    const listed = await call("GET", "/api/billing/plans", { token: beta.token });
    expect(listed.json.items.map((p: { id: string }) => p.id)).toEqual([planId]);
    expect(
      (await call("PUT", `/api/billing/tenants/${beta.id}`, { token: beta.token, body: { prepaid: true } }))
        .status,
    ).toBe(403);
    const set = await call("PUT", `/api/billing/tenants/${beta.id}`, {
      token: operator,
      body: { planId, prepaid: true },
    });
    expect(set.status).toBe(200);
    expect(set.json).toMatchObject({ plan: { id: planId }, prepaid: true, balance: { availableNano: 0 } });
    expect((await call("GET", `/api/tenants/${beta.id}/billing`, { token: beta.token })).json.plan.name).toBe(
      "Pro",
    );
    expect((await call("GET", `/api/tenants/${beta.id}/billing`, { token: operator })).status).toBe(404);
    const gone = await call("DELETE", `/api/billing/plans/${planId}`, { token: operator });
    expect([gone.status, gone.json.error.code]).toEqual([409, "conflict"]);
  });

  it("creates redemption codes shown once, and redeems one once per tenant", async () => {
    const made = await call("POST", "/api/billing/codes", {
      token: operator,
      body: { valueNano: 5 * USD, maxUses: 10, note: "launch" },
    });
    expect(made.status).toBe(201);
    expect(made.json.code).toMatch(/^GH(-[2-9A-Z]{5}){4}$/);
    const listed = await call("GET", "/api/billing/codes", { token: operator });
    expect(listed.json.items[0]).toMatchObject({ id: made.json.id, uses: 0 });
    expect(listed.text).not.toContain(made.json.code);
    expect((await call("GET", "/api/billing/codes", { token: beta.token })).status).toBe(403);
    const redeemed = await call("POST", `/api/tenants/${beta.id}/billing/redeem`, {
      token: beta.token,
      body: { code: made.json.code.toLowerCase() },
    });
    expect(redeemed.status).toBe(201);
    expect(redeemed.json).toMatchObject({ kind: "redemption", amountNano: 5 * USD });
    const again = await call("POST", `/api/tenants/${beta.id}/billing/redeem`, {
      token: beta.token,
      body: { code: made.json.code },
    });
    expect([again.status, again.json.error.code]).toEqual([409, "conflict"]);
    const unknown = await call("POST", `/api/tenants/${beta.id}/billing/redeem`, {
      token: beta.token,
      body: { code: "GH-NOPE" },
    });
    expect(unknown.status).toBe(404);
    const ledger = await call("GET", `/api/tenants/${beta.id}/billing/ledger?limit=1`, { token: beta.token });
    expect(ledger.json.items).toEqual([expect.objectContaining({ kind: "redemption", amountNano: 5 * USD })]);
  });

  it("starts Stripe Checkout for a top-up and a subscription, in Stripe's wire format", async () => {
    stripe.requests.length = 0;
    const topUp = await call("POST", `/api/tenants/${beta.id}/billing/checkout`, {
      token: beta.token,
      body: { kind: "top_up", amountNano: 20 * USD },
    });
    expect(topUp.status).toBe(201);
    expect(topUp.json.url).toMatch(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/);
    const sent = stripe.requests[0]!;
    expect(sent).toMatchObject({ method: "POST", path: "/v1/checkout/sessions", key: "sk_test_gatehouse" });
    expect(sent.form).toMatchObject({
      mode: "payment",
      client_reference_id: beta.id,
      metadata: { tenant_id: beta.id, kind: "top_up" },
      line_items: [{ quantity: "1", price_data: { currency: "usd", unit_amount: "2000" } }],
    });
    const cents = await call("POST", `/api/tenants/${beta.id}/billing/checkout`, {
      token: beta.token,
      body: { kind: "top_up", amountNano: 20 * USD + 1 },
    });
    expect([cents.status, cents.json.error.code]).toEqual([400, "invalid_request"]);
    const sub = await call("POST", `/api/tenants/${beta.id}/billing/checkout`, {
      token: beta.token,
      body: { kind: "subscription", planId },
    });
    expect(sub.status).toBe(201);
    expect(stripe.requests.at(-1)!.form).toMatchObject({
      mode: "subscription",
      line_items: [{ price: "price_pro", quantity: "1" }],
      subscription_data: { metadata: { tenant_id: beta.id, plan_id: planId } },
    });
  });

  it("applies a signed webhook once however often it is replayed, and refuses a bad signature with 400", async () => {
    const before = (await gw.store.billing.credits.get(beta.id)).ledgerNano;
    const paid = event("evt_topup_1", "checkout.session.completed", {
      id: "cs_test_paid",
      object: "checkout.session",
      mode: "payment",
      payment_status: "paid",
      amount_total: 2000,
      currency: "usd",
      client_reference_id: beta.id,
      customer: "cus_beta",
      metadata: { tenant_id: beta.id },
    });
    expect(await deliver(paid)).toEqual({ status: 200, json: { received: true, outcome: "applied" } });
    expect(await deliver(paid)).toEqual({ status: 200, json: { received: true, outcome: "replayed" } });
    expect((await gw.store.billing.credits.get(beta.id)).ledgerNano - before).toBe(20 * USD);
    const forged = await deliver(
      event("evt_forged", "checkout.session.completed", { ...paid.data.object, id: "cs_x" }),
      "whsec_wrong",
    );
    expect([forged.status, forged.json.error?.code]).toEqual([400, "invalid_request"]);
    const unsigned = await fetch(`${gw.url}/api/billing/stripe/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(unsigned.status).toBe(400);
    expect((await gw.store.billing.credits.get(beta.id)).ledgerNano - before).toBe(20 * USD);
  });

  it("moves the tenant onto the plan on invoice.paid (crediting its included amount once) and off it on subscription deletion", async () => {
    await call("PUT", `/api/billing/tenants/${beta.id}`, { token: operator, body: { planId: null } });
    const before = (await gw.store.billing.credits.get(beta.id)).ledgerNano;
    const invoice = event("evt_invoice_1", "invoice.paid", {
      id: "in_1",
      object: "invoice",
      customer: "cus_beta",
      amount_paid: 4900,
      parent: {
        type: "subscription_details",
        subscription_details: { subscription: "sub_beta", metadata: { tenant_id: beta.id, plan_id: planId } },
      },
    });
    expect((await deliver(invoice)).json.outcome).toBe("applied");
    expect((await deliver(invoice)).json.outcome).toBe("replayed");
    const on = await gw.store.billing.credits.get(beta.id);
    expect(on).toMatchObject({ planId, stripeSubscriptionId: "sub_beta" });
    expect(on.ledgerNano - before).toBe(25 * USD);
    const ended = event("evt_sub_deleted", "customer.subscription.deleted", {
      id: "sub_beta",
      object: "subscription",
      customer: "cus_beta",
    });
    expect((await deliver(ended)).json.outcome).toBe("applied");
    expect(await gw.store.billing.credits.get(beta.id)).toMatchObject({
      planId: null,
      stripeSubscriptionId: null,
    });
  });

  it("downloads a month's statement as CSV and PDF", async () => {
    const month = new Date().toISOString().slice(0, 7);
    const csv = await call("GET", `/api/tenants/${beta.id}/billing/statements/${month}/csv`, {
      token: beta.token,
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.text).toContain("total_credits");
    expect(csv.text).toContain(",top_up,Top-up (Stripe Checkout),,,,20.000000000");
    const res = await fetch(`${gw.url}/api/tenants/${beta.id}/billing/statements/${month}/pdf`, {
      headers: { authorization: `Bearer ${beta.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const { text } = inspectPdf(Buffer.from(await res.arrayBuffer()));
    expect(text).toContain("Gatehouse statement - Beta");
    expect(text).toMatch(/Credits: 50\.000000000 USD/);
    expect(
      (await call("GET", `/api/tenants/${beta.id}/billing/statements/2026-13/csv`, { token: beta.token }))
        .status,
    ).toBe(400);
    expect(
      (await call("GET", `/api/tenants/${beta.id}/billing/statements/${month}/csv`, { token: operator }))
        .status,
    ).toBe(404);
  });
});
