import type { IrChatRequest } from "@gatehouse/protocol";
import type { ImageFetcher } from "../../media/create-image-fetcher.js";
import { fetchImageUrls, needsFetch, withFetchedImages } from "../../media/inline-image-urls.js";
import { adapterFor } from "../../providers/adapter-for.js";
import type { ProviderAdapter, WireProtocol } from "../../providers/provider-adapter.js";
import type { Candidate } from "../../routing/model-catalog.js";

/** The request as each upstream of a route should receive it. */
export interface RouteImages {
  /** The IR for an adapter: with image bytes where it needs them (throws that image's 400 if it failed). */
  irFor(adapter: ProviderAdapter): IrChatRequest;
}

/**
 * Before dispatch (building an upstream request is synchronous): when any deployment of the route
 * converts through the IR to an upstream that needs image bytes, and the request has such image URLs,
 * fetch them once for all. Each candidate then takes the IR it needs; a fetch failure answers 400 only
 * when a candidate that needs that image is actually tried. Nothing is fetched otherwise.
 *
 * @example
 * const images = await prefetchRouteImages(rt.imageFetcher, ir, reachableCandidates, surface.protocol, signal);
 * adapter.chatRequest(images.irFor(adapter), model, target, now);
 */
export async function prefetchRouteImages(
  fetcher: ImageFetcher,
  ir: IrChatRequest,
  candidates: Candidate[],
  surfaceProtocol: WireProtocol,
  signal?: AbortSignal,
): Promise<RouteImages> {
  const needy = new Set<ProviderAdapter>();
  for (const c of candidates) {
    const adapter = adapterFor(c.target.kind);
    // Passthrough candidates send the client's own bytes, not the IR.
    if (adapter.protocol !== surfaceProtocol && adapter.needsImageBytes) needy.add(adapter);
  }
  if (needy.size === 0) return { irFor: () => ir };
  const anyNeeds = (url: string) => [...needy].some((a) => needsFetch(url, a.needsImageBytes));
  const fetched = await fetchImageUrls(ir, anyNeeds, fetcher, signal ? { signal } : {});
  if (fetched.size === 0) return { irFor: () => ir };
  const byAdapter = new Map<ProviderAdapter, IrChatRequest>();
  return {
    irFor(adapter) {
      if (!adapter.needsImageBytes) return ir;
      let out = byAdapter.get(adapter);
      if (out === undefined) {
        out = withFetchedImages(ir, fetched, adapter.needsImageBytes);
        byAdapter.set(adapter, out);
      }
      return out;
    },
  };
}
