import { useQuery } from "@tanstack/react-query";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";

/** The kinds of scope a budget or a rate limit applies to. */
export type ScopeKind = "tenant" | "workspace" | "user" | "key";

export const SCOPE_KIND_LABELS: Record<ScopeKind, string> = {
  tenant: "Organization",
  workspace: "Workspace",
  user: "User",
  key: "API key",
};

/** A choosable scope: its id and the name a person recognises. */
export interface ScopeOption {
  value: string;
  label: string;
}

/**
 * The workspaces, members and keys a budget or limit may name (the first 200 of each, as the user may
 * read them), and a way to show a scope by name instead of by id.
 */
export function useScopeNames() {
  const { client } = useApi();
  const { tenantId, tenantName, workspaces, can, canSomewhere } = useScope();
  const members = useQuery({
    queryKey: ["members.list", tenantId, { limit: 200 }],
    queryFn: () => client.members.list({ params: { tenantId }, query: { limit: 200 } }),
    enabled: can("members:read"),
  });
  const keys = useQuery({
    queryKey: ["keys.list", tenantId, { limit: 200 }],
    queryFn: () => client.keys.list({ params: { tenantId }, query: { limit: 200 } }),
    enabled: canSomewhere("keys:read"),
  });
  const options: Record<ScopeKind, ScopeOption[]> = {
    tenant: [{ value: tenantId, label: tenantName }],
    workspace: workspaces.map((w) => ({ value: w.id, label: w.name })),
    user: (members.data?.items ?? []).map((m) => ({
      value: m.userId,
      label: `${m.name || m.email} (${m.email})`,
    })),
    key: (keys.data?.items ?? []).map((k) => ({ value: k.id, label: `${k.name} (${k.prefix}…)` })),
  };
  const nameOf = (kind: ScopeKind, id: string): string =>
    options[kind].find((o) => o.value === id)?.label ?? id;
  return { options, nameOf };
}
