/**
 * What a caller may do on the control plane. One name per resource and verb; a role (or an API key)
 * carries a set of them.
 */
export type Permission = "deployments:read";

/** The permission one control-plane route requires. `path` is the route's pattern as registered. */
export interface RoutePolicy {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  permission: Permission;
}

/**
 * Every control-plane route (`/api/...`) and the permission it requires (DESIGN.md invariant 7). The
 * server refuses to register an `/api/` route missing here (see enforceRoutePolicies), so an undeclared
 * route fails every test that builds the app, and route-policies.test.ts says which one.
 */
export const ROUTE_POLICIES: readonly RoutePolicy[] = Object.freeze([
  { method: "GET", path: "/api/deployments/health", permission: "deployments:read" },
  { method: "GET", path: "/api/deployments/:id/health", permission: "deployments:read" },
]);

/**
 * What a gateway API key may do on the control plane: read the health of its own tenant's deployments
 * (a client choosing where to send traffic, a dashboard). Roles of users extend this when they arrive.
 */
export const API_KEY_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>(["deployments:read"]);

/**
 * The policy of a route, by method and registered path; HEAD routes share their GET route's policy.
 *
 * @example
 * policyFor("GET", "/api/deployments/health")?.permission; // "deployments:read"
 */
export function policyFor(method: string, path: string): RoutePolicy | undefined {
  const m = method.toUpperCase() === "HEAD" ? "GET" : method.toUpperCase();
  return ROUTE_POLICIES.find((p) => p.method === m && p.path === path);
}
