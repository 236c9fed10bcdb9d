import type { ClientResponse } from "../client-response.js";
import type { Exchange } from "../exchange.js";
import type { RequestScope } from "../request-scope.js";
import { sendAttempt } from "../send-attempt.js";
import { scopeFor } from "./scope-for.js";
import type { UnitRuntime } from "./start-unit-runtime.js";
import { chatCall, messagesCall } from "./unit-calls.js";

export interface ExchangeOptions {
  stream?: boolean;
  /** Extra upstream request headers (a fake's x-fake-mode, x-fake-chunks...). */
  headers?: Record<string, string>;
  /** The request's deadline from now (10 s by default). */
  deadlineMs?: number;
}

/**
 * A real exchange, as the forwarder hands it to a relay: one attempt (sendAttempt over undici) to the
 * first deployment of `model`, an OpenAI chat or an Anthropic message by the deployment's kind, tied to
 * the client's `res`. Throws when the attempt did not succeed (a test's mistake).
 */
export async function openExchange(
  u: UnitRuntime,
  res: ClientResponse,
  model: string,
  options: ExchangeOptions = {},
): Promise<{ exchange: Exchange; scope: RequestScope }> {
  const stream = options.stream ?? false;
  const scope = scopeFor(u.rt, u.principal, model, { stream });
  const route = scope.route!;
  const candidate = route.groups[0]![0]!;
  const base =
    candidate.target.kind === "anthropic" ? messagesCall(candidate, stream) : chatCall(candidate, stream);
  const call = { ...base, up: { ...base.up, headers: { ...base.up.headers, ...options.headers } } };
  const totalMs = options.deadlineMs ?? 10_000;
  const limits = { firstByteMs: 5_000, idleMs: 5_000, deadline: { at: u.rt.now() + totalMs, totalMs } };
  const result = await sendAttempt(u.rt, scope, res, { route, candidate }, call, limits, false);
  if (result === undefined || !("response" in result))
    throw new Error(`openExchange: the attempt failed: ${JSON.stringify(result)}`);
  return { exchange: result, scope };
}
