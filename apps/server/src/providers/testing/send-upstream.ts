import type { ResponseHeaders, UpstreamRequest } from "../provider-adapter.js";
import type { UpstreamTarget } from "../upstream-target.js";

/** What a fake upstream answered an adapter's request, as the adapter's decoders take it. */
export interface UpstreamAnswer {
  status: number;
  headers: ResponseHeaders;
  bytes: Buffer;
  /** The body parsed as JSON, undefined when it is not JSON. */
  json: unknown;
}

/**
 * Sends an adapter's UpstreamRequest to the target's origin (a fake upstream in tests), with `extra`
 * headers over the request's (a Vertex token the snapshot's TargetAuth would add), and reads the whole
 * answer. For adapter tests against fakes; the gateway itself dispatches through undici pools.
 *
 * @example
 * const answer = await sendUpstream(target, adapter.chatRequest(ir, model, target, Date.now()));
 * adapter.decodeResponse(answer.json, answer.headers);
 */
export async function sendUpstream(
  target: UpstreamTarget,
  up: UpstreamRequest,
  extra: Record<string, string> = {},
): Promise<UpstreamAnswer> {
  const res = await fetch(`${target.origin}${up.path}`, {
    method: "POST",
    headers: { ...up.headers, ...extra },
    body: typeof up.body === "string" ? up.body : new Uint8Array(up.body),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString("utf8"));
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: Object.fromEntries(res.headers.entries()), bytes, json };
}
