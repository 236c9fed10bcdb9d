import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../testing/start-test-gateway.js";
import { enforceRoutePolicies } from "./enforce-route-policies.js";
import { policyFor, ROUTE_POLICIES } from "./route-policies.js";

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

describe("control-plane route policies (DESIGN.md invariant 7)", () => {
  it("every registered /api/ route has a declared permission", () => {
    const api = registeredRoutes().filter((r) => r.split(" ")[1]!.startsWith("/api/"));
    expect(registeredRoutes()).toContain("POST /v1/messages/count_tokens"); // nested paths rebuilt
    expect(api).toContain("GET /api/deployments/:id/health");
    const undeclared = api.filter((r) => {
      const [method, path] = r.split(" ") as [string, string];
      return policyFor(method, path) === undefined;
    });
    expect(undeclared).toEqual([]);
  });

  it("every declared policy names a route that exists", () => {
    for (const p of ROUTE_POLICIES) {
      expect(gw.app.server.hasRoute({ method: p.method, url: p.path }), `${p.method} ${p.path}`).toBe(true);
    }
  });

  it("refuses to register an /api/ route without a policy, and leaves other routes alone", async () => {
    const app = Fastify();
    enforceRoutePolicies(app, gw.app.runtime.keys);
    expect(() => app.get("/api/secrets", async () => ({}))).toThrow(/declares no permission/);
    expect(() => app.get("/healthz-extra", async () => ({}))).not.toThrow();
    await app.close();
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
