/**
 * Groups permission names (`resource:verb`) by resource, keeping the order they come in:
 * `["keys:read", "keys:create", "audit:read"]` → `[["keys", ["read", "create"]], ["audit", ["read"]]]`.
 */
export function groupPermissions(permissions: readonly string[]): Array<[string, string[]]> {
  const groups = new Map<string, string[]>();
  for (const p of permissions) {
    const [resource = p, verb = ""] = p.split(":");
    groups.set(resource, [...(groups.get(resource) ?? []), verb]);
  }
  return [...groups];
}
