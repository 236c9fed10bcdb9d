import { GatewayError } from "@gatehouse/protocol";
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from "fastify";
import type { KeyResolver } from "../auth/key-resolver.js";
import { presentedKey } from "../auth/presented-key.js";
import { API_KEY_PERMISSIONS, type Permission, policyFor } from "./route-policies.js";

/** Who is calling a control-plane route, once authenticated. */
export interface Principal {
  tenantId: string;
  /** The API key that authenticated the call. */
  keyId: string;
  permissions: ReadonlySet<Permission>;
}

declare module "fastify" {
  interface FastifyRequest {
    /** Set on control-plane routes by the policy hook before the handler runs; null elsewhere. */
    principal: Principal | null;
  }
}

/**
 * Makes the route-policy table binding: every route registered under `/api/` after this call must have
 * an entry in ROUTE_POLICIES (registering one without throws, so the app does not start), and gets a
 * hook that authenticates the caller and checks the route's permission before its handler runs. Handlers
 * read `req.principal`, never the headers.
 *
 * @example
 * enforceRoutePolicies(server, keys);
 * server.get("/api/deployments/health", handler); // guarded by "deployments:read"
 */
export function enforceRoutePolicies(app: FastifyInstance, keys: KeyResolver): void {
  app.decorateRequest("principal", null);
  app.addHook("onRoute", (route) => {
    if (!route.url.startsWith("/api/")) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const policies = methods.map((m) => policyFor(m, route.url));
    const missing = methods.filter((_, i) => policies[i] === undefined);
    if (missing.length > 0) {
      throw new Error(
        `${missing.join(",")} ${route.url} declares no permission: add it to control-plane/route-policies.ts`,
      );
    }
    const byMethod = new Map(methods.map((m, i) => [m.toUpperCase(), policies[i]!.permission]));
    const guard = requirePermission(keys, byMethod);
    const existing = route.onRequest;
    route.onRequest = existing === undefined ? [guard] : [guard, ...[existing].flat()];
  });
}

function requirePermission(keys: KeyResolver, byMethod: Map<string, Permission>): onRequestHookHandler {
  return async (req: FastifyRequest) => {
    const key = await keys.resolve(presentedKey(req.headers));
    const permission = byMethod.get(req.method) ?? byMethod.get("GET")!;
    if (!API_KEY_PERMISSIONS.has(permission)) {
      throw new GatewayError("permission_denied", `This key may not ${permission.replace(":", " ")}.`);
    }
    req.principal = { tenantId: key.tenantId, keyId: key.id, permissions: API_KEY_PERMISSIONS };
  };
}
