import {
  type BuiltInTenantRole,
  type Contract,
  mayGrantRole,
  type Permission,
  TENANT_ROLE_PERMISSIONS,
  WORKSPACE_ROLE_PERMISSIONS,
  type WorkspaceRole,
} from "@gatehouse/contracts";
import { PLAIN_KEY_PERMISSIONS } from "../../../auth/access-control.js";

export type TenantTag = "A" | "B";

/** Who calls, as the expectation sees it: what it is and which roles it holds (not its credentials). */
export interface PrincipalModel {
  name: string;
  kind: "user" | "key" | "anonymous" | "expired";
  /** The tenant it belongs to; null for anonymous and the expired token's caller. */
  tenant: TenantTag | null;
  /** A user's tenant role or a service account's; null for a plain gateway key. */
  role: BuiltInTenantRole | null;
  /** The user behind a user principal; null otherwise. */
  userId: string | null;
}

/** An object a path parameter names: its id and whose it is (and, for keys, where and whose). */
export interface ObjectRef {
  id: string;
  tenant: TenantTag;
  workspaceId?: string;
  ownerUserId?: string | null;
  /** A service account's key: the account's tenant role, which the key acts with. */
  serviceAccountRole?: string;
}

/**
 * The sets of shared objects: each tenant's; A's in a second workspace (A's member is its workspace
 * admin) and a third (no one has a workspace role); A's with keys of the member's own; A's second
 * workspace with keys of owner-role service accounts.
 */
export type ObjectSetName = TenantTag | "A2" | "A3" | "Aown" | "Asa";

/**
 * Whose objects a cell's path names: none, one set's, or tenant A with every other object from B
 * (path and body alike).
 */
export type ObjectOwner = "-" | ObjectSetName | "A+B";

export interface Outcome {
  status: number;
  why: string;
}

/** What the expectation needs to know about the world: each principal's workspace roles. */
export interface RoleBook {
  workspaceRole(principal: string, workspaceId: string): WorkspaceRole | undefined;
}

/** The permissions a principal holds across its tenant, from roles.ts (or a plain key's fixed set). */
export function tenantPermissions(p: PrincipalModel): ReadonlySet<Permission> {
  if (p.kind === "key" && p.role === null) return PLAIN_KEY_PERMISSIONS;
  return new Set(p.role === null ? [] : TENANT_ROLE_PERMISSIONS[p.role]);
}

/** Whether the principal holds a permission tenant-wide or through its role in the workspace. */
export function holds(
  p: PrincipalModel,
  book: RoleBook,
  permission: Permission,
  workspaceId: string | undefined,
): boolean {
  if (tenantPermissions(p).has(permission)) return true;
  if (workspaceId === undefined) return false;
  const role = book.workspaceRole(p.name, workspaceId);
  return role !== undefined && (WORKSPACE_ROLE_PERMISSIONS[role] as readonly string[]).includes(permission);
}

/** Whether the principal holds a permission in any workspace it has a role in. */
export function holdsSomewhere(
  p: PrincipalModel,
  book: RoleBook,
  permission: Permission,
  workspaces: readonly string[],
): boolean {
  return workspaces.some((ws) => holds(p, book, permission, ws));
}

export interface CellFacts {
  contract: Contract;
  principal: PrincipalModel;
  owner: ObjectOwner;
  /** The objects of the path, by parameter name. */
  objects: Readonly<Record<string, ObjectRef>>;
  book: RoleBook;
  /** Every workspace of the world where some principal has a role (for the "somewhere" rule). */
  roleWorkspaces: readonly string[];
  /** The status a public operation's sample is expected to get (its contract's status by default). */
  publicStatus: number;
  /** Tenant roles the cell's request grants or takes away (members, invitations, service accounts). */
  grants: readonly string[];
  /** Permissions the request hands out (custom roles): nobody grants what they do not hold. */
  handsOut: readonly Permission[];
}

const ok = (c: Contract, why: string): Outcome => ({ status: c.status, why });

/**
 * The answer a cell must get, from the contract's access rule and the principal's roles alone:
 * anonymous or expired → 401 (non-public); a tenant the caller is not in → 404; a missing permission
 * → 403; an object of another tenant → 404; then the handlers' documented object rules (see
 * OBJECT_RULES); otherwise the contract's success status.
 */
export function expectedOutcome(f: CellFacts): Outcome {
  const { contract: c, principal: p } = f;
  if (c.access === "public") return { status: f.publicStatus, why: "public: the same for every caller" };
  if (p.kind === "anonymous") return { status: 401, why: "no credentials" };
  if (p.kind === "expired") return { status: 401, why: "expired token" };
  if (c.access === "user") {
    return p.kind === "user" ? ok(c, "any signed-in user") : { status: 403, why: "needs a user, not a key" };
  }
  const permission = c.access.permission;
  const pathTenant = f.objects.tenantId?.tenant;
  const callTenant = pathTenant ?? (p.kind === "key" ? p.tenant : null);
  if (callTenant === null) return { status: 404, why: "a user names no tenant here" };
  if (p.tenant !== callTenant) return { status: 404, why: "not in this tenant" };
  const ws = f.objects.workspaceId;
  const wsId = ws?.tenant === callTenant ? ws.id : ws === undefined ? undefined : "foreign";
  // A permission held only in some workspaces reaches an operation naming no workspace only when its
  // handler narrows the work to those workspaces (an object rule or a list narrowed by workspace).
  const narrows = c.id in OBJECT_RULES || c.id in NARROWED_LISTS;
  const allowed =
    holds(p, f.book, permission, wsId) ||
    (wsId === undefined && narrows && holdsSomewhere(p, f.book, permission, f.roleWorkspaces));
  if (!allowed) return { status: 403, why: `lacks ${permission}` };
  // The path's objects are looked up first, then the caller's right to grant the body's role, then the
  // objects the body names: the order of the handlers, each a client error without side effects.
  const foreign = (inBody: boolean) =>
    Object.entries(f.objects).find(([k, o]) => k.startsWith("body.") === inBody && o.tenant !== callTenant);
  const inPath = foreign(false);
  if (inPath !== undefined) return { status: 404, why: `:${inPath[0]} is another tenant's` };
  const denied = OBJECT_RULES[c.id]?.(f);
  if (denied !== undefined) return denied;
  const ungrantable = f.grants.find((role) => !mayGrantRole(p.role ?? "", role));
  if (ungrantable !== undefined) return { status: 403, why: `may not grant ${ungrantable}` };
  const unheld = f.handsOut.find((perm) => !tenantPermissions(p).has(perm));
  if (unheld !== undefined) return { status: 403, why: `does not hold ${unheld}` };
  const inBody = foreign(true);
  if (inBody !== undefined) return { status: 404, why: `${inBody[0]} is another tenant's` };
  return ok(c, `holds ${permission}`);
}

/** Lists whose handlers show only the items of the workspaces where the caller holds the permission. */
export const NARROWED_LISTS: Readonly<Record<string, { permission: Permission; workspaceField: string }>> = {
  "keys.list": { permission: "keys:read", workspaceField: "workspaceId" },
  "workspaces.list": { permission: "workspaces:read", workspaceField: "id" },
};

type Rule = (f: CellFacts) => Outcome | undefined;

/**
 * A permission checked on the object's own workspace, as requireIn does: 404 when the caller may not
 * even read there (objects of other teams look missing), 403 when it may read but not do this.
 */
function requireIn(f: CellFacts, permission: Permission, workspaceId: string, read: Permission) {
  if (holds(f.principal, f.book, permission, workspaceId)) return undefined;
  if (!holds(f.principal, f.book, read, workspaceId)) return { status: 404, why: `no ${read} there` };
  return { status: 403, why: `${permission} missing in the object's workspace` };
}

/** keys.update/rotate/revoke: one's own key with keys:create there, or any key with keys:manage. */
const keyWrite: Rule = (f) => {
  const key = f.objects.keyId!;
  const ws = key.workspaceId!;
  const own = f.principal.userId !== null && key.ownerUserId === f.principal.userId;
  const may =
    holds(f.principal, f.book, "keys:manage", ws) || (own && holds(f.principal, f.book, "keys:create", ws));
  return may ? requireIn(f, "keys:read", ws, "keys:read") : requireIn(f, "keys:manage", ws, "keys:read");
};

/** A service account's new key acts with its role: rotating one takes what creating the account takes. */
const actAs: Rule = (f) => {
  const role = f.objects.keyId!.serviceAccountRole;
  if (role === undefined) return undefined;
  if (!tenantPermissions(f.principal).has("service-accounts:manage")) {
    return { status: 403, why: "a service account's key needs service-accounts:manage" };
  }
  return mayGrantRole(f.principal.role ?? "", role)
    ? undefined
    : { status: 403, why: `may not act as ${role}` };
};

/** Single sign-on settings: only a signed-in owner may change them, whatever else holds tenant:update. */
const ownerOnly: Rule = (f) =>
  f.principal.kind === "user" && f.principal.role === "owner"
    ? undefined
    : { status: 403, why: "only an owner changes single sign-on" };

/** The handlers' object-level rules, beyond the route's permission check (see control-plane-deps.ts). */
export const OBJECT_RULES: Readonly<Record<string, Rule>> = {
  "keys.get": (f) => requireIn(f, "keys:read", f.objects.keyId!.workspaceId!, "keys:read"),
  "keys.update": keyWrite,
  "keys.rotate": (f) => keyWrite(f) ?? actAs(f),
  "keys.revoke": keyWrite,
  "workspaces.get": (f) => requireIn(f, "workspaces:read", f.objects.workspaceId!.id, "workspaces:read"),
  "workspaceMembers.list": (f) => requireIn(f, "members:read", f.objects.workspaceId!.id, "workspaces:read"),
  "sso.put": ownerOnly,
  "sso.delete": ownerOnly,
};
