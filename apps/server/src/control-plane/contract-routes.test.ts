import { CONTRACTS } from "@gatehouse/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../testing/start-test-gateway.js";
import { API_DOCS_PATHS } from "./contract-router/api-docs-routes.js";

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

/**
 * Every route of the built app as "METHOD /path", read from Fastify's own route tree. A route nested
 * under another is printed relative to it, one level (4 columns) deeper: the stack rebuilds full paths.
 */
function registeredRoutes(): string[] {
  const tree = gw.app.server.printRoutes({ commonPrefix: false });
  const out: string[] = [];
  const stack: string[] = [];
  for (const line of tree.split("\n")) {
    const m = /^(.*?)[├└]── (\S+)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    const path = (depth > 0 ? stack[depth - 1]! : "") + m[2]!;
    stack.push(path);
    if (m[3]) for (const method of m[3].split(", ")) out.push(`${method} ${path}`);
  }
  return out;
}

describe("control-plane routes come only from contracts (DESIGN.md invariant 7)", () => {
  it("every registered /api/ route is a contract's (or the API reference's)", () => {
    const api = registeredRoutes().filter((r) => r.split(" ")[1]!.startsWith("/api/"));
    expect(registeredRoutes()).toContain("POST /v1/messages/count_tokens"); // nested paths rebuilt
    expect(api).toContain("GET /api/deployments/:id/health");
    const declared = new Set([
      ...CONTRACTS.map((c) => `${c.method} ${c.path}`),
      ...API_DOCS_PATHS.map((p) => `GET ${p}`),
    ]);
    const undeclared = api.filter((r) => !r.startsWith("HEAD ") && !declared.has(r));
    expect(undeclared).toEqual([]);
  });

  it("every contract names a route that exists", () => {
    for (const c of CONTRACTS) {
      expect(gw.app.server.hasRoute({ method: c.method, url: c.path }), c.id).toBe(true);
    }
  });

  it("refuses to register an /api/ route without a contract after start", () => {
    expect(() => gw.app.server.get("/api/secrets", async () => ({}))).toThrow();
  });

  it("authenticates before the handler: no key is a 401, a bad key a 401, a good key passes", async () => {
    const url = "/api/deployments/health";
    expect((await gw.app.server.inject({ method: "GET", url })).statusCode).toBe(401);
    const bad = await gw.app.server.inject({ method: "GET", url, headers: { authorization: "Bearer nope" } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json()).toMatchObject({ error: { code: "invalid_api_key" } });
    const ok = await gw.app.server.inject({
      method: "GET",
      url,
      headers: { authorization: `Bearer ${gw.key}` },
    });
    expect(ok.statusCode).toBe(200);
  });
});
