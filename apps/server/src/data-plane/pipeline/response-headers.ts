import type { Served } from "./outcome.js";

/**
 * Headers of a data-plane answer: its content type, the request id, the provider and deployment that
 * served it, how many upstream attempts it took, and x-gatehouse-warnings naming parameters the upstream
 * could not honour.
 */
export function responseHeaders(
  requestId: string,
  served: Served | undefined,
  attempts: number,
  contentType: string,
  warnings: readonly string[] = [],
): Record<string, string> {
  const h: Record<string, string> = { "content-type": contentType, "x-gatehouse-request-id": requestId };
  if (served) {
    h["x-gatehouse-provider"] = served.candidate.target.name;
    h["x-gatehouse-deployment"] = served.candidate.deployment.id;
  }
  h["x-gatehouse-attempts"] = String(attempts);
  if (warnings.length > 0) h["x-gatehouse-warnings"] = warnings.join("; ").replace(/[^\x20-\x7e]/g, "?");
  if (contentType.startsWith("text/event-stream")) {
    h["cache-control"] = "no-cache";
    h["x-accel-buffering"] = "no";
  }
  return h;
}
