import { createHmac, timingSafeEqual } from "node:crypto";

/** The header every threshold webhook carries. */
export const SIGNATURE_HEADER = "gatehouse-signature";

/**
 * The signature header of a webhook body, the way Stripe signs: `t=<unix seconds>,v1=<hex>`, where the
 * hex is HMAC-SHA256 with the endpoint's secret over `"<t>.<body>"`. The timestamp is signed too, so a
 * receiver that refuses old timestamps is safe from replays.
 * @see https://docs.stripe.com/webhooks#verify-manually
 *
 * @example
 * signWebhook("whsec_...", '{"type":"budget.threshold"}', 1765000000);
 * // "t=1765000000,v1=5f2b..."
 */
export function signWebhook(secret: string, body: string, timestampSeconds: number): string {
  return `t=${timestampSeconds},v1=${hmac(secret, timestampSeconds, body)}`;
}

/**
 * Whether a received body and its signature header were signed with `secret` within `toleranceSeconds`
 * of `nowSeconds` (what a receiver runs; Gatehouse's tests use it as one). Any malformed header is false.
 *
 * @example
 * verifyWebhookSignature(secret, rawBody, req.headers["gatehouse-signature"], Date.now() / 1000);
 */
export function verifyWebhookSignature(
  secret: string,
  body: string,
  header: string | undefined,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  if (header === undefined) return false;
  const parts = new Map(
    header.split(",").map((p) => {
      const i = p.indexOf("=");
      return [p.slice(0, i).trim(), p.slice(i + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get("t"));
  const v1 = parts.get("v1") ?? "";
  if (!Number.isSafeInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  if (!/^[0-9a-f]{64}$/.test(v1)) return false;
  return timingSafeEqual(Buffer.from(v1, "hex"), Buffer.from(hmac(secret, t, body), "hex"));
}

function hmac(secret: string, t: number, body: string): string {
  return createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
}
