import { type AdmissionControl, composeAdmission, OPEN_ADMISSION } from "../data-plane/pipeline/admission.js";
import { defaultMaxCostNano } from "../data-plane/pipeline/max-cost-nano.js";
import type { RequestScope } from "../data-plane/pipeline/request-scope.js";
import type { Store } from "../store/store.js";
import { BillingSnapshot } from "./billing-snapshot.js";
import { CreditFlusher } from "./credit-flusher.js";
import { creditGate } from "./credit-gate.js";
import { planGate } from "./plan-gate.js";
import type { StripeSettings } from "./stripe/stripe-settings.js";

/** Billing's settings in createApp (docs/billing.md). */
export interface BillingOptions {
  /** The largest cost of a request, nano-USD, for prepaid holds ({@link defaultMaxCostNano} by default). */
  maxCostNano?: (scope: RequestScope) => number;
  /** How often prepaid spend is written as aggregated ledger debits (60 s by default). */
  flushIntervalMs?: number;
  /** Stripe (readStripeSettings(process.env)); unset, checkout and the webhook answer 503. */
  stripe?: StripeSettings;
}

/** Billing's running parts: the snapshot the gates read, the gates, the debit flusher. */
export interface BillingRuntime {
  snapshot: BillingSnapshot;
  /**
   * The gates around the other admission controls: the plan check first (a 403 before anything is
   * reserved), then `inner` (rate limits, budgets), then the prepaid credit hold last.
   */
  admission(inner?: AdmissionControl): AdmissionControl;
  flusher: CreditFlusher;
  stop(): Promise<void>;
}

/**
 * Loads the billing snapshot and starts the debit flusher.
 *
 * @example
 * const billing = await startBilling(store, {}, (err, msg) => logger.warn({ err }, msg));
 * runtime.admission = billing.admission(deps.admission);
 */
export async function startBilling(
  store: Store,
  options: BillingOptions,
  warn: (err: unknown, message: string) => void,
): Promise<BillingRuntime> {
  const snapshot = new BillingSnapshot(store);
  await snapshot.load();
  const plans = planGate(snapshot);
  const credits = creditGate({
    snapshot,
    credits: store.billing.credits,
    maxCostNano: options.maxCostNano ?? defaultMaxCostNano,
    onSettleError: (err) => warn(err, "prepaid credit not settled"),
  });
  const flusher = new CreditFlusher(
    store.billing.credits,
    (err) => warn(err, "prepaid spend not flushed to the ledger"),
    options.flushIntervalMs,
  );
  flusher.start();
  return {
    snapshot,
    admission: (inner = OPEN_ADMISSION) => composeAdmission([plans, inner, credits]),
    flusher,
    stop: () => flusher.stop(),
  };
}
