import type { ProviderAdapter } from "../../providers/provider-adapter.js";
import type { UpstreamTarget } from "../../providers/upstream-target.js";
import type { ChatSurface, NativeRequest } from "./chat-surface.js";

/**
 * How a candidate takes a surface's bytes as they are, or undefined when the request must be converted:
 * the surface's own rule when it has one (a Responses request goes natively only to a provider that
 * speaks the Responses API), else the adapter's passthrough when its protocol is the surface's.
 *
 * @example
 * const native = nativeRequestOf(openAISurface, adapterFor("openai"), target); // defined: same protocol
 */
export function nativeRequestOf(
  surface: ChatSurface,
  adapter: ProviderAdapter,
  target: UpstreamTarget,
): NativeRequest | undefined {
  if (surface.nativeRequest !== undefined) return surface.nativeRequest(adapter, target);
  if (adapter.protocol !== surface.protocol) return undefined;
  return (body, upstreamModel, stream, now) =>
    adapter.passthroughRequest(body, upstreamModel, stream, target, now);
}
