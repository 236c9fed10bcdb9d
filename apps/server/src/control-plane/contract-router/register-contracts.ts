import type { Contract } from "@gatehouse/contracts";
import type { FastifyInstance } from "fastify";
import { type ContractHandler, type RouterDeps, registerContract } from "./register-contract.js";

export interface RegisterContractsOptions {
  /**
   * `/api/` paths that may still be registered afterwards without a contract (the OpenAPI document and
   * the reference page). Every other one throws.
   */
  allow?: readonly string[];
}

/**
 * Registers one route per contract, each served by the handler of the same id, and from then on refuses
 * any other `/api/` route (DESIGN.md: a route without a contract cannot exist). Throws at start-up when a
 * contract has no handler or a handler no contract, naming them all.
 *
 * @example
 * registerContracts(app, CONTRACTS, handlers, deps, { allow: ["/api/openapi.json", "/api/docs"] });
 * registerApiDocs(app, buildOpenApiDocument(CONTRACTS, { title: "Gatehouse", version }));
 */
export function registerContracts(
  app: FastifyInstance,
  contracts: readonly Contract[],
  handlers: Readonly<Record<string, ContractHandler>>,
  deps: RouterDeps,
  options: RegisterContractsOptions = {},
): void {
  const ids = new Set(contracts.map((c) => c.id));
  const unhandled = contracts.filter((c) => !Object.hasOwn(handlers, c.id)).map((c) => c.id);
  const orphans = Object.keys(handlers).filter((id) => !ids.has(id));
  if (unhandled.length > 0 || orphans.length > 0) {
    const problems = [
      ...(unhandled.length > 0 ? [`contracts without a handler: ${unhandled.join(", ")}`] : []),
      ...(orphans.length > 0 ? [`handlers without a contract: ${orphans.join(", ")}`] : []),
    ];
    throw new Error(`Control-plane routes do not match their contracts: ${problems.join("; ")}.`);
  }
  for (const contract of contracts) registerContract(app, contract, handlers[contract.id]!, deps);

  const allowed = new Set(options.allow ?? []);
  app.addHook("onRoute", (route) => {
    if (!route.url.startsWith("/api/") || allowed.has(route.url)) return;
    const methods = [route.method].flat().join(",");
    throw new Error(`${methods} ${route.url} has no contract: declare it in packages/contracts.`);
  });
}
