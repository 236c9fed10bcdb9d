import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ConsoleAsset, ConsoleAssets } from "./console-assets.js";

/**
 * The console's pages may load only this origin's scripts and styles (Mantine sets inline styles), talk
 * only to this origin, and never be framed.
 */
const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join("; ");

/** Paths of the APIs and of the console's files: never answered with the console's page. */
const API_PREFIXES = ["/api/", "/v1/", "/v1beta/", "/metrics", "/healthz", "/readyz", "/assets/"];

/**
 * Serves the built console: its files (content-hashed assets cached for a year, compressed as the
 * client accepts), and `index.html` for every other browser page (`/t/…/logs?model=x`), so links into
 * the app work. API paths keep their JSON 404s.
 */
export function registerConsole(server: FastifyInstance, assets: ConsoleAssets): void {
  server.get("/assets/*", (req, reply) => {
    const asset = assets.get(pathOf(req));
    if (asset === undefined) return reply.callNotFound();
    return sendAsset(req, reply, asset);
  });
  for (const path of rootFiles(assets))
    server.get(path, (req, reply) => sendAsset(req, reply, assets.get(path)!));
}

/**
 * Whether a request that matched no route is a browser asking for a page of the console (GET or HEAD,
 * wanting HTML, outside the APIs): the not-found handler then answers `index.html`.
 */
export function isConsolePage(req: FastifyRequest): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const path = pathOf(req);
  if (path === "/api" || API_PREFIXES.some((p) => path.startsWith(p))) return false;
  return (req.headers.accept ?? "").includes("text/html");
}

/** Answers the console's page (`index.html`), never cached, so a new build is picked up at once. */
export function sendConsolePage(
  req: FastifyRequest,
  reply: FastifyReply,
  assets: ConsoleAssets,
): FastifyReply {
  // A share link's page shows someone's conversation: never indexed (the page adds a robots meta too).
  if (pathOf(req).startsWith("/share/")) reply.header("x-robots-tag", "noindex, nofollow");
  return sendAsset(req, reply, assets.index);
}

function sendAsset(req: FastifyRequest, reply: FastifyReply, asset: ConsoleAsset): FastifyReply {
  reply.header("content-type", asset.type);
  reply.header("etag", asset.etag);
  reply.header("vary", "accept-encoding");
  reply.header("x-content-type-options", "nosniff");
  reply.header("cache-control", asset.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (asset.type.startsWith("text/html")) {
    reply.header("content-security-policy", CONSOLE_CSP);
    reply.header("x-frame-options", "DENY");
    reply.header("referrer-policy", "same-origin");
  }
  if (req.headers["if-none-match"] === asset.etag) return reply.code(304).send();
  const accepts = String(req.headers["accept-encoding"] ?? "");
  if (asset.brotli && /\bbr\b/.test(accepts)) {
    reply.header("content-encoding", "br");
    return reply.send(asset.brotli);
  }
  if (asset.gzip && /\bgzip\b/.test(accepts)) {
    reply.header("content-encoding", "gzip");
    return reply.send(asset.gzip);
  }
  return reply.send(asset.body);
}

function pathOf(req: FastifyRequest): string {
  const q = req.url.indexOf("?");
  return q === -1 ? req.url : req.url.slice(0, q);
}

/**
 * The files at the top of the build, each its own route: favicon, robots.txt, and what makes the console
 * an installable app (the manifest, its icons, the service worker — answered `no-cache` like every
 * unhashed file, so a new service worker is found at once).
 */
const ROOT_FILES = [
  "/favicon.svg",
  "/favicon.ico",
  "/robots.txt",
  "/manifest.webmanifest",
  "/icon-192.png",
  "/icon-512.png",
  "/sw.js",
];

function rootFiles(assets: ConsoleAssets): string[] {
  const out: string[] = [];
  for (const path of ROOT_FILES) if (assets.get(path)) out.push(path);
  return out;
}
