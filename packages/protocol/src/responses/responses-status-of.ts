import type { IrFinishReason } from "../ir/finish-reason.js";
import type { ResponsesResponse } from "./responses-wire-types.js";

/**
 * Why an answer ended → the `response` object's status and incomplete_details: the output cap and a
 * content filter leave it `incomplete` (with the reason), an error `failed`, anything else `completed`.
 * @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-incomplete_details
 *
 * @example
 * responsesStatusOf("length"); // { status: "incomplete", incomplete_details: { reason: "max_output_tokens" } }
 */
export function responsesStatusOf(
  reason: IrFinishReason,
): Pick<ResponsesResponse, "status" | "incomplete_details"> {
  switch (reason) {
    case "length":
      return { status: "incomplete", incomplete_details: { reason: "max_output_tokens" } };
    case "content_filter":
      return { status: "incomplete", incomplete_details: { reason: "content_filter" } };
    case "error":
      return { status: "failed", incomplete_details: null };
    default:
      return { status: "completed", incomplete_details: null };
  }
}

/** An id safe to embed in the item ids derived from it (`resp_…`, `msg_…`, `fc_…`, `rs_…`). */
export function responsesIdBase(upstreamId: string): string {
  const base = upstreamId.replace(/[^A-Za-z0-9]/g, "").slice(0, 48);
  return base === "" ? "gatehouse" : base;
}
