import type { IrChatRequest } from "@gatehouse/protocol";
import type { ImageFetcher } from "../../media/create-image-fetcher.js";
import type { WireProtocol } from "../../providers/provider-adapter.js";
import type { ClientResponse } from "../pipeline/client-response.js";
import type { RoutePlan } from "../pipeline/route-plan.js";
import type { ChatRequest } from "./chat-request.js";
import { prefetchRouteImages, type RouteImages } from "./prefetch-route-images.js";

/**
 * Fetches, before the first attempt (building an upstream request is synchronous), the image URLs that a
 * deployment the request could reach needs as bytes. A request without image URLs costs one scan of its
 * parts. The fetches are cancelled when the client goes away: undefined then.
 */
export async function prefetchPlanImages(
  fetcher: ImageFetcher,
  plan: RoutePlan,
  request: ChatRequest,
  protocol: WireProtocol,
  res: ClientResponse,
): Promise<RouteImages | undefined> {
  const { ir } = request;
  if (!hasImageUrl(ir)) return { irFor: () => ir };
  const candidates = plan.reachable().flatMap((r) => r.groups.flat());
  const abort = new AbortController();
  const onClose = () => {
    if (!res.writableFinished) abort.abort();
  };
  res.on("close", onClose);
  try {
    const images = await prefetchRouteImages(fetcher, ir, candidates, protocol, abort.signal);
    return abort.signal.aborted ? undefined : images;
  } catch (err) {
    if (abort.signal.aborted) return undefined;
    throw err;
  } finally {
    res.off("close", onClose);
  }
}

function hasImageUrl(ir: IrChatRequest): boolean {
  for (const m of ir.messages) {
    for (const p of m.content) {
      if (p.type === "image" && p.source.kind === "url") return true;
      if (p.type === "tool_result" && p.content.some((c) => c.type === "image" && c.source.kind === "url"))
        return true;
    }
  }
  return false;
}
