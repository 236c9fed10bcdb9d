import { Agent } from "undici";
import { ssrfGuard } from "../security/ssrf-guard.js";
import type { ByteBudget } from "./byte-budget.js";
import { type FetchedImage, fetchImage } from "./fetch-image.js";

const MiB = 1024 * 1024;

/** Fetches the image URLs clients send, for upstreams that need bytes. Injectable (AppDeps.imageFetcher). */
export interface ImageFetcher {
  /**
   * Fetches one URL; failures are 400 `invalid_request` errors naming `where`. `signal` aborts it (the
   * client went away).
   */
  fetch(url: string, where: string, budget?: ByteBudget, signal?: AbortSignal): Promise<FetchedImage>;
  /** The most bytes one request's images may add up to. */
  readonly maxTotalBytes: number;
  /** Closes the fetcher's connections (at shutdown). */
  close(): Promise<void>;
}

export interface ImageFetcherOptions {
  /** Per image; default 20 MiB (GATEHOUSE_IMAGE_MAX_BYTES). */
  maxBytes?: number;
  /** Per request, all images together; default the larger of 50 MiB and maxBytes. */
  maxTotalBytes?: number;
  /** Default 10 s for one image, redirects and body included. */
  timeoutMs?: number;
  /** Default 3; each hop's connection is checked by the SSRF guard again. */
  maxRedirects?: number;
  /**
   * Let image URLs reach loopback and private networks (GATEHOUSE_IMAGE_FETCH_ALLOW_PRIVATE=1), for
   * tests and local development only. Metadata and reserved addresses stay refused.
   */
  allowPrivate?: boolean;
}

/**
 * The image fetcher over its own undici Agent — separate from the upstream dispatcher, and always
 * behind the SSRF guard, because the URLs come from clients, who are not trusted: a URL must not make
 * the gateway reach 169.254.169.254 or an internal service on the client's behalf.
 *
 * @example
 * const fetcher = createImageFetcher({ maxBytes: 5 * 1024 * 1024 });
 * const { mediaType, data } = await fetcher.fetch("https://example.com/cat.png", "messages[0].content[1]");
 */
export function createImageFetcher(options: ImageFetcherOptions = {}): ImageFetcher {
  const maxBytes = options.maxBytes ?? 20 * MiB;
  const dispatcher = new Agent({
    connect: ssrfGuard({ allowPrivate: options.allowPrivate ?? false, connect: { timeout: 5_000 } }),
    keepAliveTimeout: 4_000,
  });
  const fetchOptions = {
    dispatcher,
    maxBytes,
    timeoutMs: options.timeoutMs ?? 10_000,
    maxRedirects: options.maxRedirects ?? 3,
  };
  return {
    fetch: (url, where, budget, signal) =>
      fetchImage(url, {
        ...fetchOptions,
        where,
        ...(budget ? { budget } : {}),
        ...(signal ? { signal } : {}),
      }),
    maxTotalBytes: options.maxTotalBytes ?? Math.max(50 * MiB, maxBytes),
    close: () => dispatcher.close(),
  };
}
