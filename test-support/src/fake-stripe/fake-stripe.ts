import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parseStripeForm, type StripeFormValue } from "./parse-stripe-form.js";

/** One Checkout Session the fake created, as Stripe answers it (the fields Gatehouse reads). */
export interface FakeCheckoutSession {
  id: string;
  object: "checkout.session";
  mode: string;
  url: string;
  status: "open";
  payment_status: "unpaid";
  amount_total: number | null;
  currency: string | null;
  client_reference_id: string | null;
  customer: string | null;
  subscription: string | null;
  metadata: Record<string, string>;
  success_url: string | null;
  cancel_url: string | null;
  created: number;
  livemode: false;
}

/** A running fake Stripe API on 127.0.0.1. */
export interface FakeStripe {
  /** `http://127.0.0.1:PORT`: pass it as STRIPE_API_BASE. */
  url: string;
  port: number;
  /** Every request: method, path, the secret key it authenticated with, the decoded form body. */
  requests: {
    method: string;
    path: string;
    key: string | undefined;
    form: Record<string, StripeFormValue>;
  }[];
  sessions: Map<string, FakeCheckoutSession>;
  close(): Promise<void>;
}

/**
 * A fake of the Stripe API endpoints Gatehouse calls, speaking Stripe's wire format: form-encoded
 * requests with bracket nesting, JSON answers, `Authorization: Bearer sk_...`, and Stripe's error shape
 * `{ error: { type, code, message, param } }` (https://docs.stripe.com/api/errors). Endpoints:
 * `POST /v1/checkout/sessions` (https://docs.stripe.com/api/checkout/sessions/create) and
 * `GET /v1/checkout/sessions/:id`.
 *
 * @example
 * const stripe = await startFakeStripe(); // STRIPE_API_BASE=stripe.url
 */
export async function startFakeStripe(): Promise<FakeStripe> {
  const requests: FakeStripe["requests"] = [];
  const sessions = new Map<string, FakeCheckoutSession>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => answer(req, res, Buffer.concat(chunks).toString("utf8"), requests, sessions));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    sessions,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answer(
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
  requests: FakeStripe["requests"],
  sessions: Map<string, FakeCheckoutSession>,
): void {
  const key = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
  const path = (req.url ?? "/").split("?")[0]!;
  const form = parseStripeForm(body);
  requests.push({ method: req.method ?? "GET", path, key, form });
  const [status, answerBody] = route(req.method, path, key, form, sessions);
  send(res, status, answerBody);
}

/** The status and JSON body of one request. */
function route(
  method: string | undefined,
  path: string,
  key: string | undefined,
  form: Record<string, StripeFormValue>,
  sessions: Map<string, FakeCheckoutSession>,
): [number, unknown] {
  if (!key?.startsWith("sk_")) {
    return [401, stripeError("invalid_request_error", undefined, "Invalid API Key provided.", undefined)];
  }
  if (method === "POST" && path === "/v1/checkout/sessions") {
    const result = createSession(form);
    if ("error" in result) return [400, result];
    sessions.set(result.id, result);
    return [200, result];
  }
  const got = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path);
  if (method === "GET" && got) {
    const session = sessions.get(got[1]!);
    if (session) return [200, session];
    const message = `No such checkout.session: '${got[1]}'`;
    return [404, stripeError("invalid_request_error", "resource_missing", message, "id")];
  }
  const message = `Unrecognized request URL (${method}: ${path}).`;
  return [404, stripeError("invalid_request_error", undefined, message, undefined)];
}

type LineItem = {
  price?: string;
  quantity?: string;
  price_data?: { currency?: string; unit_amount?: string };
};

function createSession(
  form: Record<string, StripeFormValue>,
): FakeCheckoutSession | ReturnType<typeof stripeError> {
  const mode = form.mode;
  if (mode !== "payment" && mode !== "subscription") {
    return stripeError(
      "invalid_request_error",
      "parameter_invalid_empty",
      "Invalid mode: must be one of payment, setup, or subscription",
      "mode",
    );
  }
  const items = (Array.isArray(form.line_items) ? form.line_items : []) as LineItem[];
  if (items.length === 0) {
    return stripeError(
      "invalid_request_error",
      "parameter_missing",
      "Missing required param: line_items.",
      "line_items",
    );
  }
  let total = 0;
  let currency: string | null = null;
  for (const [i, item] of items.entries()) {
    if (mode === "subscription" && !item.price) {
      return stripeError(
        "invalid_request_error",
        "parameter_missing",
        `Missing required param: line_items[${i}][price].`,
        `line_items[${i}][price]`,
      );
    }
    if (item.price_data) {
      const amount = Number(item.price_data.unit_amount);
      if (!Number.isInteger(amount) || amount < 0) {
        return stripeError(
          "invalid_request_error",
          "parameter_invalid_integer",
          "Invalid integer: unit_amount",
          `line_items[${i}][price_data][unit_amount]`,
        );
      }
      total += amount * Number(item.quantity ?? "1");
      currency = item.price_data.currency ?? null;
    }
  }
  const id = `cs_test_${randomBytes(12).toString("hex")}`;
  return {
    id,
    object: "checkout.session",
    mode,
    url: `https://checkout.stripe.com/c/pay/${id}`,
    status: "open",
    payment_status: "unpaid",
    amount_total: mode === "payment" ? total : null,
    currency,
    client_reference_id: typeof form.client_reference_id === "string" ? form.client_reference_id : null,
    customer: typeof form.customer === "string" ? form.customer : null,
    subscription: null,
    metadata: (form.metadata ?? {}) as Record<string, string>,
    success_url: typeof form.success_url === "string" ? form.success_url : null,
    cancel_url: typeof form.cancel_url === "string" ? form.cancel_url : null,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
  };
}

function stripeError(type: string, code: string | undefined, message: string, param: string | undefined) {
  return { error: { type, message, ...(code && { code }), ...(param && { param }) } };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    "content-type": "application/json",
    "request-id": `req_${randomBytes(7).toString("hex")}`,
  });
  res.end(JSON.stringify(body));
}
