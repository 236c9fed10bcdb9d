import type { IrUsage } from "@gatehouse/protocol";
import type { RequestScope } from "./request-scope.js";

/** What a request turned out to use, known in the meter step. */
export interface Settlement {
  /** The request's cost in nano-USD at the price it was billed (0 when nothing was served). */
  costNano: number;
  /** The tokens it used (reported or estimated); undefined when no upstream call was made. */
  usage: IrUsage | undefined;
}

/**
 * What admitting a request reserved (a budget hold, a concurrency slot, tokens of a per-minute window),
 * settled by the meter step once the request's actual use is known; the remainder is released.
 * Settling twice does nothing. `settle` never throws (a failure to settle is logged by its owner).
 */
export interface Admission {
  settle(settlement: Settlement): void;
  /** Headers the answer carries whatever its outcome (x-ratelimit-* and their surface equivalents). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * The `admit` step's seam: rate limits, concurrency limits, plans and the budget and credit reservations
 * (DESIGN.md invariant 2: reserve, then call, then settle) plug in here as gates. `admit` throws a
 * GatewayError (`rate_limited`, `quota_exceeded`: 429 with `retry-after`; `budget_exceeded`,
 * `insufficient_credits`: 402; `model_not_in_plan`: 403) to refuse a request before any upstream call.
 */
export interface AdmissionControl {
  admit(scope: RequestScope): Admission | Promise<Admission>;
}

const NOTHING_RESERVED: Admission = Object.freeze({ settle() {} });

/** Admits every request and reserves nothing: the default until limits and budgets exist. */
export const OPEN_ADMISSION: AdmissionControl = Object.freeze({ admit: () => NOTHING_RESERVED });

/**
 * Gates run in order; each sees the scope and may refuse. When a later gate refuses, what the earlier
 * ones reserved is released at once (settled with nothing used), so a refused request holds nothing.
 * The admissions' headers are merged (later gates win on a clash).
 *
 * @example
 * const admission = composeAdmission([planGate, rateLimitGate, budgetGate]);
 */
export function composeAdmission(gates: readonly AdmissionControl[]): AdmissionControl {
  if (gates.length === 0) return OPEN_ADMISSION;
  if (gates.length === 1) return gates[0]!;
  return {
    async admit(scope) {
      const held: Admission[] = [];
      try {
        for (const gate of gates) held.push(await gate.admit(scope));
      } catch (err) {
        for (const a of held) a.settle(NOTHING_USED);
        throw err;
      }
      return combined(held);
    },
  };
}

const NOTHING_USED: Settlement = Object.freeze({ costNano: 0, usage: undefined });

function combined(held: readonly Admission[]): Admission {
  let headers: Record<string, string> | undefined;
  for (const a of held) if (a.headers) headers = { ...headers, ...a.headers };
  let settled = false;
  return {
    ...(headers && { headers }),
    settle(s) {
      if (settled) return;
      settled = true;
      for (const a of held) a.settle(s);
    },
  };
}
