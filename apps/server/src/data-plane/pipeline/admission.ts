import type { RequestScope } from "./request-scope.js";

/**
 * What admitting a request reserved (a budget hold, a concurrency slot), settled by the meter step once
 * the request's actual cost is known; the remainder is released. Settling twice does nothing.
 */
export interface Admission {
  settle(costNano: number): void;
}

/**
 * The `admit` step's seam: rate limits, concurrency limits and the budget reservation (DESIGN.md
 * invariant 2: reserve, then call, then settle) plug in here. `admit` throws a GatewayError
 * (`rate_limited`, `budget_exceeded`: 429 with `retry-after`) to refuse a request before any upstream call.
 */
export interface AdmissionControl {
  admit(scope: RequestScope): Admission | Promise<Admission>;
}

const NOTHING_RESERVED: Admission = Object.freeze({ settle() {} });

/** Admits every request and reserves nothing: the default until limits and budgets exist. */
export const OPEN_ADMISSION: AdmissionControl = Object.freeze({ admit: () => NOTHING_RESERVED });
