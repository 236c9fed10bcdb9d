/**
 * The groups a provider states in its claims, wherever it puts them: `groups` (Okta, Keycloak with the
 * group mapper, Azure AD), a namespaced claim whose name holds dots (Auth0's
 * `https://example.com/groups`: tried whole first), or a nested one named by a dotted path (Keycloak's
 * `realm_access.roles`). An array keeps its strings; a single string is one group; anything else, none.
 *
 * @example
 * readOidcGroups({ realm_access: { roles: ["admin"] } }, "realm_access.roles"); // ["admin"]
 */
export function readOidcGroups(claims: Readonly<Record<string, unknown>>, claimPath = "groups"): string[] {
  const value = Object.hasOwn(claims, claimPath) ? claims[claimPath] : walk(claims, claimPath.split("."));
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === "string");
  return [];
}

function walk(claims: Readonly<Record<string, unknown>>, path: string[]): unknown {
  let node: unknown = claims;
  for (const key of path) {
    if (typeof node !== "object" || node === null || Array.isArray(node) || !Object.hasOwn(node, key)) {
      return undefined;
    }
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
