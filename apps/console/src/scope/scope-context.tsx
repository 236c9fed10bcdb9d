import { createContext, useContext } from "react";

/** A workspace as the console lists it. */
export interface WorkspaceRef {
  id: string;
  name: string;
  allowedModels: string[] | null;
}

/** The tenant the console is looking at, the chosen workspace, and what the user may do there. */
export interface Scope {
  tenantId: string;
  tenantName: string;
  /** The user's tenant role (a built-in name or a custom role's id). */
  role: string | undefined;
  /** The workspaces the user sees (the first 200 by name). */
  workspaces: WorkspaceRef[];
  /** The workspace chosen in the switcher (remembered per tenant); undefined when there is none. */
  workspace: WorkspaceRef | undefined;
  setWorkspace(id: string): void;
  /**
   * Whether the user holds `permission` across the tenant, or in `workspaceId` when given (the chosen
   * workspace when `"current"`). Hides what the server would refuse; the server still decides.
   */
  can(permission: string, workspaceId?: string | "current"): boolean;
  /** Whether the user holds `permission` in some workspace (a member's own keys, a team's usage). */
  canSomewhere(permission: string): boolean;
}

export const ScopeContext = createContext<Scope | undefined>(undefined);

/** The current tenant scope; only inside the signed-in shell. */
export function useScope(): Scope {
  const scope = useContext(ScopeContext);
  if (scope === undefined) throw new Error("useScope outside the console shell");
  return scope;
}
