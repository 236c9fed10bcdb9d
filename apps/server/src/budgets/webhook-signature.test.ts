import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { signWebhook, verifyWebhookSignature } from "./webhook-signature.js";

describe("webhook signatures", () => {
  const secret = "whsec_test";
  const body = '{"type":"budget.threshold","threshold":80}';

  it("signs HMAC-SHA256 over '<t>.<body>' as Stripe does", () => {
    const expected = createHmac("sha256", secret).update(`1765000000.${body}`).digest("hex");
    expect(signWebhook(secret, body, 1765000000)).toBe(`t=1765000000,v1=${expected}`);
  });

  it("verifies its own signature; refuses another secret, an altered body, an old timestamp", () => {
    const header = signWebhook(secret, body, 1765000000);
    expect(verifyWebhookSignature(secret, body, header, 1765000100)).toBe(true);
    expect(verifyWebhookSignature("whsec_other", body, header, 1765000100)).toBe(false);
    expect(verifyWebhookSignature(secret, `${body} `, header, 1765000100)).toBe(false);
    expect(verifyWebhookSignature(secret, body, header, 1765000000 + 301)).toBe(false);
    expect(verifyWebhookSignature(secret, body, undefined, 1765000000)).toBe(false);
  });

  it("never throws on a malformed header", () => {
    fc.assert(
      fc.property(fc.string(), (header) => {
        expect(verifyWebhookSignature(secret, body, header, 1765000000)).toBe(false);
      }),
    );
  });
});
