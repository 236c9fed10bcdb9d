import { GatewayError } from "./errors/gateway-error.js";
import type { UnmodeledField } from "./ir/unmodeled-field.js";

/**
 * The strict decoders' answer to unmodeled features: the first one listed becomes a 400
 * `unsupported_parameter` naming it (`tolerated` params are let through, as the strict decoders did before
 * they were listed). `format` writes the message in the protocol's own style.
 *
 * @example
 * refuseUnmodeled(decoded.unmodeled, (f) => `'${f.param}' ${f.reason}`);
 */
export function refuseUnmodeled(
  unmodeled: readonly UnmodeledField[],
  format: (field: UnmodeledField) => string,
  tolerated: readonly string[] = [],
): void {
  const first = unmodeled.find((f) => !tolerated.includes(f.param));
  if (first !== undefined)
    throw new GatewayError("unsupported_parameter", format(first), { param: first.param });
}
