import type { ResponsesResponse } from "@gatehouse/protocol";

/** A turn whose answer the gateway stores: its id, the response it continued, and where to store it. */
export interface StoringTurn {
  id: string;
  previousId: string | null;
  onFinal: (response: ResponsesResponse) => void;
}

/**
 * A Responses-speaking upstream's `response` object under the gateway's id (and the previous response
 * the client named, which the upstream never saw): what the client gets and what is stored. Undefined
 * for a value that is no `response` object (the answer then goes through as it came, unstored).
 * @see https://platform.openai.com/docs/api-reference/responses/object
 *
 * @example
 * storedAnswerOf(turn, upstreamJson)?.id; // "resp_…" (the gateway's)
 */
export function storedAnswerOf(
  turn: Omit<StoringTurn, "onFinal">,
  value: unknown,
): ResponsesResponse | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const o = value as Record<string, unknown>;
  if (o.object !== "response" || !Array.isArray(o.output)) return undefined;
  if (typeof o.status !== "string" || typeof o.model !== "string") return undefined;
  return { ...o, id: turn.id, previous_response_id: turn.previousId } as unknown as ResponsesResponse;
}

/** The turn when its answer is stored, else undefined. */
export function storingTurn(
  turn: { id: string; previousId: string | null; onFinal?: StoringTurn["onFinal"] } | undefined,
): StoringTurn | undefined {
  if (turn?.onFinal === undefined) return undefined;
  return { id: turn.id, previousId: turn.previousId, onFinal: turn.onFinal };
}
