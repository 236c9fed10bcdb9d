import { GatewayError } from "@gatehouse/protocol";
import type { Model } from "../domain/model.js";

/** A warning that opens with a parameter name: `top_k is ...`, `parallel_tool_calls=false is ...`. */
const PARAM_FIRST = /^([A-Za-z_][\w.]*)(?:=\S*)? (?:is|are) /;

/**
 * Applies the model's `unsupportedParams` policy to the parameters an adapter could not carry to its
 * upstream (`UpstreamRequest.warnings`). With `drop` (the default) they are dropped and the answer names
 * them in x-gatehouse-warnings; with `refuse` the request is answered `unsupported_parameter` (400)
 * before it is sent, for teams that would rather fail than get an answer to a different question.
 * The error's `param` is the first warning's parameter when it opens with one (`top_k is not ...`,
 * `parallel_tool_calls=false is not ...`); warnings are prose, so a sentence that does not is named only in
 * the message.
 *
 * @example
 * enforceParamPolicy(up.warnings, ctx.route!.model); // throws for ["top_k is not supported by openai; dropped"]
 */
export function enforceParamPolicy(
  warnings: readonly string[],
  model: Pick<Model, "name" | "unsupportedParams">,
): void {
  if (warnings.length === 0 || model.unsupportedParams !== "refuse") return;
  const param = PARAM_FIRST.exec(warnings[0]!)?.[1];
  throw new GatewayError(
    "unsupported_parameter",
    `The model '${model.name}' refuses requests its upstream cannot honour in full: ${warnings.join("; ")}.`,
    param === undefined ? {} : { param },
  );
}
