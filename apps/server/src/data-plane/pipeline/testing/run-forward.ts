import type { ServerResponse } from "node:http";
import type { GatewayError } from "@gatehouse/protocol";
import type { RequestOverrides } from "../../../resilience/read-request-overrides.js";
import type { BuildCall } from "../candidate-call.js";
import { forward } from "../forward.js";
import type { Served } from "../outcome.js";
import type { RequestScope } from "../request-scope.js";
import { RoutePlan } from "../route-plan.js";
import { scopeFor } from "./scope-for.js";
import type { UnitRuntime } from "./start-unit-runtime.js";
import { chatBuild } from "./unit-calls.js";

export interface ForwardRun {
  scope: RequestScope;
  /** Who answered; undefined when forward threw or the client left. */
  served: Served | undefined;
  /** The answer's body, read whole. */
  body: string | undefined;
  error: GatewayError | undefined;
  /** Every call of beforeFirstAttempt, in order. */
  begun: Served[];
}

export interface ForwardOptions {
  build?: BuildCall;
  overrides?: RequestOverrides;
  /** Runs as the hook; it is still logged in `begun` first. */
  beforeFirstAttempt?: (served: Served) => Promise<void>;
}

/**
 * Runs the forwarder for one request to `model` (scope and plan as the chat operation builds them) and
 * reads the answer whole, so the exchange is released; a thrown error is returned, not thrown.
 */
export async function runForward(
  u: UnitRuntime,
  res: ServerResponse,
  model: string,
  options: ForwardOptions = {},
): Promise<ForwardRun> {
  const { rt } = u;
  const scope = scopeFor(rt, u.principal, model, { overrides: options.overrides });
  const begun: Served[] = [];
  const hooks = {
    beforeFirstAttempt: async (s: Served) => {
      begun.push(s);
      await options.beforeFirstAttempt?.(s);
    },
  };
  const plan = RoutePlan.of(scope, scope.route!, rt.timeouts);
  try {
    const exchange = await forward(rt, scope, res, plan, options.build ?? chatBuild(), hooks);
    if (exchange === undefined) return { scope, served: undefined, body: undefined, error: undefined, begun };
    const body = await exchange.response.body.text();
    exchange.release();
    return { scope, served: exchange.served, body, error: undefined, begun };
  } catch (err) {
    return { scope, served: undefined, body: undefined, error: err as GatewayError, begun };
  }
}

/** Lets fire-and-forget breaker reports settle. */
export function settle(): Promise<void> {
  return new Promise((r) => setImmediate(r));
}
