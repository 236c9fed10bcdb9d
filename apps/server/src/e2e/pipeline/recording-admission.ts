import { GatewayError } from "@gatehouse/protocol";
import type { Admission, AdmissionControl } from "../../data-plane/pipeline/admission.js";
import type { RequestScope } from "../../data-plane/pipeline/request-scope.js";

/** One admitted request: the scope admission was given, and every settle it then received. */
export interface AdmittedRequest {
  scope: RequestScope;
  settles: number[];
}

/**
 * An AdmissionControl that admits everything and records what it was given and what it was settled
 * with, as a budget reservation would see it.
 */
export class RecordingAdmission implements AdmissionControl {
  readonly admitted: AdmittedRequest[] = [];

  admit(scope: RequestScope): Admission {
    const entry: AdmittedRequest = { scope, settles: [] };
    this.admitted.push(entry);
    return { settle: (s) => void entry.settles.push(s.costNano) };
  }

  /** The admissions of one request id (one, when the pipeline is right). */
  of(requestId: string): AdmittedRequest[] {
    return this.admitted.filter((a) => a.scope.id === requestId);
  }

  /** The settles of a request once the first arrived (waiting briefly), and a little longer for a second. */
  async settlesOf(requestId: string): Promise<number[]> {
    const settles = () => this.of(requestId).flatMap((a) => a.settles);
    for (let i = 0; i < 100 && settles().length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 30));
    return settles();
  }
}

/** Seconds the refusing admission asks clients to wait. */
export const REFUSED_RETRY_AFTER_SECONDS = 3;

/** An AdmissionControl that refuses every request as a rate limit would, counting what it refused. */
export class RefusingAdmission implements AdmissionControl {
  readonly refused: string[] = [];

  admit(scope: RequestScope): Admission {
    this.refused.push(scope.id);
    throw new GatewayError("rate_limited", "This key is over its request rate.", {
      retryAfterSeconds: REFUSED_RETRY_AFTER_SECONDS,
    });
  }
}
