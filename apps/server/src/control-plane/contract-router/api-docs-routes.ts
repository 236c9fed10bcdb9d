import type { OpenApiDocument } from "@gatehouse/contracts";
import type { FastifyInstance } from "fastify";
import { renderApiDocs } from "./render-api-docs.js";

/** The paths registerApiDocs adds: pass them to registerContracts' `allow`. */
export const API_DOCS_PATHS = ["/api/openapi.json", "/api/docs"] as const;

// The page has no script and loads nothing: forbid everything but its inline style.
const DOCS_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/**
 * Serves the API's description, public like any reference: `GET /api/openapi.json` (the OpenAPI 3.1
 * document) and `GET /api/docs` (its HTML reference page, rendered once here, self-contained).
 *
 * @example
 * registerApiDocs(app, buildOpenApiDocument(CONTRACTS, { title: "Gatehouse API", version: "1.0.0" }));
 */
export function registerApiDocs(app: FastifyInstance, document: OpenApiDocument): void {
  const json = JSON.stringify(document);
  const html = renderApiDocs(document);
  app.get("/api/openapi.json", async (_req, reply) =>
    reply.header("cache-control", "no-store").type("application/json; charset=utf-8").send(json),
  );
  app.get("/api/docs", async (_req, reply) =>
    reply
      .header("cache-control", "no-store")
      .header("content-security-policy", DOCS_CSP)
      .type("text/html; charset=utf-8")
      .send(html),
  );
}
