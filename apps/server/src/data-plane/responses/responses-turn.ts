import type { ResponsesResponse } from "@gatehouse/protocol";

/**
 * What the Responses surface knows of one `POST /v1/responses` beyond its body: the id the gateway gave
 * the response, the response it continues, and — when it is stored — what to store once the answer is
 * final. Set by the create operation before the body is decoded (see prepare-turn.ts).
 */
export interface ResponsesTurn {
  /** The gateway's `resp_…` id (never the upstream's): the answer carries it. */
  id: string;
  /** The `previous_response_id` the request continued, null when none. */
  previousId: string | null;
  /**
   * Told the final `response` object once (JSON or the stream's last event): starts storing it when the
   * request did not set `store: false`; undefined when nothing is stored.
   */
  onFinal?: (response: ResponsesResponse) => void;
}
