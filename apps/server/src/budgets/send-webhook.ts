import { type Dispatcher, request } from "undici";
import { SIGNATURE_HEADER, signWebhook } from "./webhook-signature.js";

export interface WebhookDelivery {
  url: string;
  secret: string;
  /** The JSON body, sent byte for byte as signed. */
  body: string;
  /** The SSRF-guarded dispatcher of tenant-named URLs (the one tenant upstreams use). */
  dispatcher: Dispatcher;
  now: () => number;
  /** Waits before each retry, ms (1 s, 10 s, 60 s by default); a 2xx ends it. */
  retryDelaysMs?: readonly number[];
  /** Each attempt's bound, ms (10 s by default). */
  timeoutMs?: number;
}

const DEFAULT_RETRY_DELAYS = [1_000, 10_000, 60_000];

/**
 * POSTs a signed webhook (`gatehouse-signature: t=...,v1=...`, see signWebhook), retrying a network
 * failure, a 429 or a 5xx after each delay; a 2xx or another 4xx (the receiver refused it) ends it.
 * Each attempt is signed afresh (its own timestamp). Resolves with the last status (0: never answered);
 * never throws: it runs after the request it reports on, off the hot path.
 *
 * @example
 * const status = await sendWebhook({ url, secret, body: JSON.stringify(event), dispatcher, now: Date.now });
 */
export async function sendWebhook(d: WebhookDelivery): Promise<number> {
  const delays = d.retryDelaysMs ?? DEFAULT_RETRY_DELAYS;
  let status = 0;
  for (let attempt = 0; attempt <= delays.length; attempt++) {
    // Unref'd: a retry still waiting never holds a stopping process.
    if (attempt > 0) await new Promise((r) => setTimeout(r, delays[attempt - 1]).unref());
    status = await attemptOnce(d);
    if (status >= 200 && status < 300) return status;
    if (status !== 0 && status !== 429 && status < 500) return status;
  }
  return status;
}

async function attemptOnce(d: WebhookDelivery): Promise<number> {
  try {
    const res = await request(d.url, {
      method: "POST",
      dispatcher: d.dispatcher,
      headers: {
        "content-type": "application/json",
        "user-agent": "Gatehouse-Webhooks/1",
        [SIGNATURE_HEADER]: signWebhook(d.secret, d.body, Math.floor(d.now() / 1000)),
      },
      body: d.body,
      headersTimeout: d.timeoutMs ?? 10_000,
      bodyTimeout: d.timeoutMs ?? 10_000,
    });
    await res.body.dump();
    return res.statusCode;
  } catch {
    return 0;
  }
}
