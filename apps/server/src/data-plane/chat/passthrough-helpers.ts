import type { IrUsage } from "@gatehouse/protocol";
import type { ProviderAdapter } from "../../providers/provider-adapter.js";
import { DecodingStreamPipe } from "../pipeline/decoding-stream-pipe.js";
import type { Exchange } from "../pipeline/exchange.js";
import type { StreamPipe } from "../pipeline/stream-pipe.js";
import type { ErrorRenderer } from "../surface-error.js";

/**
 * The usage a passthrough answer reports in `field`, read by the protocol's decoder — or undefined when it
 * has none the gateway can read: the answer is the upstream's own bytes, and the client gets it whole
 * either way (its usage is then estimated).
 *
 * @example
 * readUsage: usageFrom("usage", decodeAnthropicUsage)
 */
export function usageFrom(
  field: string,
  decode: (value: unknown) => IrUsage,
): (json: unknown) => IrUsage | undefined {
  return (json) => {
    const value = (json as Record<string, unknown> | null)?.[field];
    if (value === undefined || value === null) return undefined;
    try {
      return decode(value);
    } catch {
      return undefined;
    }
  };
}

/** The pipe of a same-protocol stream, metered through the adapter's decoder, sent as the upstream's bytes. */
export function tappingPipe(adapter: ProviderAdapter, exchange: Exchange, errors: ErrorRenderer): StreamPipe {
  const provider = exchange.served.candidate.target.name;
  return new DecodingStreamPipe(adapter, exchange.response.headers, provider, errors, undefined);
}
