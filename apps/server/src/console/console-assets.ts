import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative, sep } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/** One file of the built console, with its compressed forms (for text files) and validators. */
export interface ConsoleAsset {
  body: Buffer;
  gzip: Buffer | undefined;
  brotli: Buffer | undefined;
  type: string;
  etag: string;
  /** Content-hashed file names (`/assets/index-3f9a.js`) never change: cached for a year. */
  immutable: boolean;
}

/** The built console in memory: URL path → asset, plus `index.html` for the pages of the app. */
export interface ConsoleAssets {
  get(path: string): ConsoleAsset | undefined;
  readonly index: ConsoleAsset;
  readonly size: number;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".webmanifest": "application/manifest+json",
  ".map": "application/json",
};
const COMPRESSIBLE = new Set([".html", ".js", ".css", ".svg", ".json", ".txt", ".map", ".webmanifest"]);
/** A built console is a few MB; anything far larger is not one (a wrong directory), and is refused. */
const MAX_TOTAL_BYTES = 64 * 1024 * 1024;

/**
 * Reads a built console (`apps/console/dist`) into memory once, compressing text files with gzip and
 * brotli, so serving a file is a map lookup. Undefined when the directory has no `index.html` (the
 * console was not built): the server then runs without it.
 */
export function loadConsoleAssets(dir: string): ConsoleAssets | undefined {
  if (!existsSync(join(dir, "index.html"))) return undefined;
  const files = new Map<string, ConsoleAsset>();
  let total = 0;
  for (const file of walk(dir)) {
    const body = readFileSync(file);
    total += body.length;
    if (total > MAX_TOTAL_BYTES) throw new Error(`${dir} holds over 64 MiB: not a built console`);
    const urlPath = `/${relative(dir, file).split(sep).join("/")}`;
    files.set(urlPath, assetOf(urlPath, body));
  }
  const index = files.get("/index.html")!;
  return { get: (path) => files.get(path), index, size: files.size };
}

function assetOf(urlPath: string, body: Buffer): ConsoleAsset {
  const ext = extname(urlPath).toLowerCase();
  const compress = COMPRESSIBLE.has(ext) && body.length > 512;
  return {
    body,
    gzip: compress ? gzipSync(body, { level: 9 }) : undefined,
    brotli: compress
      ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } })
      : undefined,
    type: TYPES[ext] ?? "application/octet-stream",
    etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`,
    immutable: urlPath.startsWith("/assets/"),
  };
}

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) yield* walk(full);
    else yield full;
  }
}
