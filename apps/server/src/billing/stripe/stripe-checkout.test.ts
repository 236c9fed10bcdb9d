import { type FakeStripe, startFakeStripe } from "@gatehouse/test-support";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStripeClient } from "./create-stripe-client.js";
import { createTopUpCheckout } from "./stripe-checkout.js";
import { readStripeSettings } from "./stripe-settings.js";

let fake: FakeStripe;
const urls = { successUrl: "https://gw.test/ok", cancelUrl: "https://gw.test/no" };
beforeAll(async () => {
  fake = await startFakeStripe();
});
afterAll(() => fake.close());

describe("Stripe Checkout through the official client and the fake Stripe", () => {
  it("reads host, port and protocol from STRIPE_API_BASE and sends Stripe's form encoding", async () => {
    const settings = readStripeSettings({ STRIPE_SECRET_KEY: "sk_test_1", STRIPE_API_BASE: fake.url })!;
    expect(settings.webhookSecret).toBeUndefined();
    const link = await createTopUpCheckout(createStripeClient(settings), urls, "ten_a", 1_250_000_000);
    expect(link.url).toBe(`https://checkout.stripe.com/c/pay/${link.id}`);
    expect(fake.sessions.get(link.id)).toMatchObject({
      amount_total: 125,
      currency: "usd",
      client_reference_id: "ten_a",
    });
  });

  it("sends the customer back to the paying tenant's billing page in the console", async () => {
    const settings = readStripeSettings({
      STRIPE_SECRET_KEY: "sk_test_1",
      STRIPE_API_BASE: fake.url,
      GATEHOUSE_PUBLIC_URL: "https://gw.example/",
    })!;
    const link = await createTopUpCheckout(createStripeClient(settings), settings, "ten_b", 1_000_000_000);
    expect(fake.sessions.get(link.id)).toMatchObject({
      success_url: "https://gw.example/t/ten_b/billing?checkout=success",
      cancel_url: "https://gw.example/t/ten_b/billing?checkout=cancel",
    });
  });

  it("answers Stripe's error shape, which the client raises as its typed errors", async () => {
    const client = createStripeClient({ secretKey: "sk_test_1", apiBase: new URL(fake.url) });
    const err = await client.checkout.sessions
      .create({ mode: "payment", success_url: "https://x.test" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err).toMatchObject({ param: "line_items", code: "parameter_missing", statusCode: 400 });
    const missing = await client.checkout.sessions.retrieve("cs_test_nope").catch((e: unknown) => e);
    expect(missing).toMatchObject({ statusCode: 404, code: "resource_missing" });
  });

  it("refuses amounts that are not whole cents or out of range before calling Stripe, and maps Stripe's failures", async () => {
    const client = createStripeClient({ secretKey: "sk_test_1", apiBase: new URL(fake.url) });
    fake.requests.length = 0;
    for (const amount of [1, 10_000_001, 40 * 10_000_000, 10_001 * 1_000_000_000])
      await expect(createTopUpCheckout(client, urls, "ten_a", amount)).rejects.toMatchObject({
        code: "invalid_request",
      });
    expect(fake.requests).toHaveLength(0);
    const badKey = createStripeClient({ secretKey: "rk_wrong", apiBase: new URL(fake.url) });
    await expect(createTopUpCheckout(badKey, urls, "ten_a", 1_000_000_000)).rejects.toMatchObject({
      code: "upstream_error",
    });
  });

  it("is off without STRIPE_SECRET_KEY and refuses a malformed STRIPE_API_BASE", () => {
    expect(readStripeSettings({})).toBeUndefined();
    expect(() => readStripeSettings({ STRIPE_SECRET_KEY: "sk", STRIPE_API_BASE: "ftp://x" })).toThrow(
      expect.objectContaining({ code: "invalid_request" }),
    );
  });
});
