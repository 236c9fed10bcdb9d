import type { ClientResponse } from "../pipeline/client-response.js";
import { newOutcome, type Outcome } from "../pipeline/outcome.js";

/** Sends a JSON answer the gateway computed itself (no upstream), and its outcome for the meter step. */
export function answerLocally(res: ClientResponse, requestId: string, body: unknown): Outcome {
  res.writeHead(200, { "content-type": "application/json", "x-gatehouse-request-id": requestId });
  res.end(JSON.stringify(body));
  return newOutcome(200);
}
