import { GatewayError } from "@gatehouse/protocol";
import type { Dispatcher } from "undici";
import { isSsrfBlocked } from "../security/ssrf-blocked-error.js";
import type { ByteBudget } from "./byte-budget.js";
import { sniffImageType } from "./sniff-image-type.js";

/** An image's bytes, base64, with its media type. */
export interface FetchedImage {
  mediaType: string;
  data: string;
}

export interface FetchImageOptions {
  /** A dispatcher whose connector refuses forbidden addresses (see security/ssrf-guard.ts). */
  dispatcher: Dispatcher;
  /** Where the image sits in the request, for messages: "messages[1].content[0]". */
  where: string;
  maxBytes: number;
  /** For the whole fetch, redirects and body included. */
  timeoutMs: number;
  maxRedirects: number;
  /** The request's shared allowance across all its images. */
  budget?: ByteBudget;
  /** Aborted when the client goes away: the fetch stops (its error is then never answered). */
  signal?: AbortSignal;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Labels servers put on bytes they do not type; the bytes are sniffed instead. */
const GENERIC_TYPES = new Set(["", "application/octet-stream", "binary/octet-stream"]);

/**
 * Fetches an http(s) image URL a client sent, for upstreams that take image bytes only (Ollama, Bedrock,
 * Gemini for web URLs). The dispatcher's connector checks every connection's address (redirect targets
 * included); here: at most `maxRedirects` redirects, `maxBytes` per image and the request's budget in
 * total, one timeout for all of it, and a type that is image/* — or, when the server labels it
 * generically, PNG/JPEG/GIF/WebP bytes. Every failure is a 400 `invalid_request` naming the part:
 * the URL is the client's, so a failure to fetch it is never the gateway's or an upstream's 5xx.
 *
 * @example
 * const img = await fetchImage("https://example.com/cat.png", { dispatcher, where: "messages[0].content[1]",
 *   maxBytes: 20 << 20, timeoutMs: 10_000, maxRedirects: 3 });
 */
export async function fetchImage(url: string, options: FetchImageOptions): Promise<FetchedImage> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  let target = httpUrl(url, options);
  for (let hop = 0; ; hop++) {
    const res = await send(target, options, signal);
    if (REDIRECTS.has(res.statusCode)) {
      await res.body.dump().catch(() => undefined);
      const location = single(res.headers.location);
      if (hop >= options.maxRedirects) throw fail(options, `(more than ${options.maxRedirects} redirects)`);
      if (location === undefined) throw fail(options, `(status ${res.statusCode} without a location)`);
      target = httpUrl(new URL(location, target).href, options);
      continue;
    }
    if (res.statusCode < 200 || res.statusCode > 299) {
      await res.body.dump().catch(() => undefined);
      throw fail(options, `(status ${res.statusCode})`);
    }
    return readImage(res, options, signal);
  }
}

function httpUrl(text: string, options: FetchImageOptions): URL {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw fail(options, "(not a valid URL)");
  }
  if (u.protocol !== "http:" && u.protocol !== "https:")
    throw fail(options, "(only http and https URLs are fetched)");
  return u;
}

async function send(
  url: URL,
  options: FetchImageOptions,
  signal: AbortSignal,
): Promise<Dispatcher.ResponseData> {
  try {
    return await options.dispatcher.request({
      origin: url.origin,
      path: url.pathname + url.search,
      method: "GET",
      headers: { accept: "image/*", "user-agent": "Gatehouse image fetcher" },
      signal,
    });
  } catch (err) {
    throw networkFailure(err, options, signal);
  }
}

async function readImage(
  res: Dispatcher.ResponseData,
  options: FetchImageOptions,
  signal: AbortSignal,
): Promise<FetchedImage> {
  const declared = (single(res.headers["content-type"]) ?? "").split(";", 1)[0]!.trim().toLowerCase();
  const generic = GENERIC_TYPES.has(declared);
  if (!generic && !declared.startsWith("image/")) {
    await res.body.dump().catch(() => undefined);
    throw fail(options, `(content type ${declared} is not an image)`);
  }
  const length = Number(single(res.headers["content-length"]));
  if (length > options.maxBytes) {
    res.body.destroy();
    throw fail(options, `(larger than ${options.maxBytes} bytes)`);
  }
  const bytes = await readLimited(res, options, signal);
  if (bytes.length === 0) throw fail(options, "(empty body)");
  const sniffed = sniffImageType(bytes);
  if (generic && sniffed === undefined)
    throw fail(options, "(the body is not a PNG, JPEG, GIF or WebP image)");
  return { mediaType: sniffed ?? declared, data: bytes.toString("base64") };
}

async function readLimited(
  res: Dispatcher.ResponseData,
  options: FetchImageOptions,
  signal: AbortSignal,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of res.body) {
      const buf = chunk as Buffer;
      size += buf.length;
      if (size > options.maxBytes) throw fail(options, `(larger than ${options.maxBytes} bytes)`);
      if (options.budget && !options.budget.take(buf.length)) {
        throw fail(options, `(the request's images exceed ${options.budget.limit} bytes in total)`);
      }
      chunks.push(buf);
    }
  } catch (err) {
    res.body.destroy();
    throw err instanceof GatewayError ? err : networkFailure(err, options, signal);
  }
  return Buffer.concat(chunks, size);
}

function networkFailure(err: unknown, options: FetchImageOptions, signal: AbortSignal): GatewayError {
  if (isSsrfBlocked(err)) {
    return fail(
      options,
      "(the URL leads to a private or reserved network address, which is not fetched)",
      err,
    );
  }
  if (options.signal?.aborted) return fail(options, "(the client went away)", err);
  if (signal.aborted) return fail(options, `(no complete answer within ${options.timeoutMs / 1000} s)`, err);
  const code = (err as { code?: unknown } | null)?.code;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return fail(options, "(host not found)", err);
  return fail(options, typeof code === "string" ? `(${code})` : "(connection failed)", err);
}

function fail(options: FetchImageOptions, why: string, cause?: unknown): GatewayError {
  return new GatewayError(
    "invalid_request",
    `${options.where}: could not fetch the image ${why}.`,
    { param: options.where },
    cause === undefined ? undefined : { cause },
  );
}

function single(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
