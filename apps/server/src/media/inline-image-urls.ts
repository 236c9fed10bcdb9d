import type { GatewayError, IrChatRequest, IrImagePart, IrMessage, IrPart } from "@gatehouse/protocol";
import { toGatewayError } from "@gatehouse/protocol";
import { ByteBudget } from "./byte-budget.js";
import type { ImageFetcher } from "./create-image-fetcher.js";
import type { FetchedImage } from "./fetch-image.js";

/** Which image URLs an upstream needs as bytes: all of them, none, or those a predicate picks. */
export type NeedsImageBytes = boolean | ((url: string) => boolean);

/** Every fetched URL's outcome: its bytes, or the 400 to answer if an upstream needs it. */
export type FetchedImages = ReadonlyMap<string, FetchedImage | GatewayError>;

export interface InlineOptions {
  /** Images fetched at once; default 4. */
  concurrency?: number;
  /** Aborts every fetch (the client went away); the URLs not started are not fetched. */
  signal?: AbortSignal;
}

/** Whether a URL must be fetched for an upstream with these needs. Only http(s) URLs are ever fetched. */
export function needsFetch(url: string, needs: NeedsImageBytes | undefined): boolean {
  if (needs === undefined || needs === false || !/^https?:\/\//i.test(url)) return false;
  return needs === true || needs(url);
}

/**
 * A copy of the request in which every image given by an http(s) URL that `needs` picks — in any
 * message, tool results included — is replaced by its bytes (base64), fetched concurrently with bounded
 * concurrency and a total byte budget. A URL that cannot be fetched fails the request with a 400
 * naming the part; the request is not changed in place.
 *
 * @example
 * const withBytes = await inlineImageUrls(ir, true, fetcher); // for Ollama
 */
export async function inlineImageUrls(
  ir: IrChatRequest,
  needs: NeedsImageBytes,
  fetcher: ImageFetcher,
  options: InlineOptions = {},
): Promise<IrChatRequest> {
  return withFetchedImages(ir, await fetchImageUrls(ir, needs, fetcher, options), needs);
}

/**
 * Fetches each distinct URL `needs` picks, once, keeping failures as values (a route's upstreams may
 * need different URLs; only a failure one of them needs becomes the answer).
 */
export async function fetchImageUrls(
  ir: IrChatRequest,
  needs: NeedsImageBytes,
  fetcher: ImageFetcher,
  options: InlineOptions = {},
): Promise<FetchedImages> {
  const firstSeenAt = new Map<string, string>();
  for (const { part, where } of imageParts(ir.messages)) {
    if (part.source.kind === "url" && needsFetch(part.source.url, needs) && !firstSeenAt.has(part.source.url))
      firstSeenAt.set(part.source.url, where);
  }
  const out = new Map<string, FetchedImage | GatewayError>();
  const queue = [...firstSeenAt];
  const budget = new ByteBudget(fetcher.maxTotalBytes);
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      if (options.signal?.aborted) return;
      const [url, where] = next;
      out.set(url, await fetcher.fetch(url, where, budget, options.signal).catch(toGatewayError));
    }
  };
  const workers = Math.min(options.concurrency ?? 4, queue.length);
  await Promise.all(Array.from({ length: workers }, worker));
  return out;
}

/**
 * The request with the fetched bytes in place of the URLs `needs` picks; throws the stored 400 of the
 * first such URL that could not be fetched. Returns `ir` itself when nothing changes.
 */
export function withFetchedImages(
  ir: IrChatRequest,
  fetched: FetchedImages,
  needs: NeedsImageBytes,
): IrChatRequest {
  let changed = false;
  const swap = (part: IrImagePart): IrImagePart => {
    if (part.source.kind !== "url" || !needsFetch(part.source.url, needs)) return part;
    const got = fetched.get(part.source.url);
    if (got === undefined) return part;
    if (got instanceof Error) throw got;
    changed = true;
    return { ...part, source: { kind: "base64", mediaType: got.mediaType, data: got.data } };
  };
  const messages = ir.messages.map((m) => mapImages(m, swap));
  return changed ? { ...ir, messages } : ir;
}

function mapImages(message: IrMessage, swap: (part: IrImagePart) => IrImagePart): IrMessage {
  const content = message.content.map((p): IrPart => {
    if (p.type === "image") return swap(p);
    if (p.type === "tool_result")
      return { ...p, content: p.content.map((c) => (c.type === "image" ? swap(c) : c)) };
    return p;
  });
  return { ...message, content };
}

/** Each image part with its position, as the IR numbers it (system messages are not in `messages`). */
function* imageParts(messages: IrMessage[]): Generator<{ part: IrImagePart; where: string }> {
  for (const [i, m] of messages.entries()) {
    for (const [j, p] of m.content.entries()) {
      if (p.type === "image") yield { part: p, where: `messages[${i}].content[${j}]` };
      if (p.type !== "tool_result") continue;
      for (const [k, c] of p.content.entries())
        if (c.type === "image") yield { part: c, where: `messages[${i}].content[${j}].content[${k}]` };
    }
  }
}
