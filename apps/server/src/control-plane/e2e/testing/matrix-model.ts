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

/** Path parameters that are values, not objects (a statement's month): no tenant owns them. */
export const VALUE_PARAMS: ReadonlySet<string> = new Set(["month", "model", "token"]);

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
  // Installation-wide operations are the operator's: the installation's first tenant, which is neither
  // of the matrix's tenants (the test gateway's default tenant came first). Checked before the body.
  if (typeof c.access === "object" && c.access.operator) {
    return { status: 403, why: "the operator's (the installation's first tenant)" };
  }
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
    Object.entries(f.objects).find(
      ([k, o]) => k.startsWith("body.") === inBody && !VALUE_PARAMS.has(k) && o.tenant !== callTenant,
    );
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
  // Usage reads narrow to the workspaces where the caller holds usage:read (their answers' rows carry
  // the workspace only in the log; analytics sum only those workspaces' rollups).
  "usageLogs.list": { permission: "usage:read", workspaceField: "workspaceId" },
  "usageLogs.export": { permission: "usage:read", workspaceField: "workspaceId" },
  "usage.analytics": { permission: "usage:read", workspaceField: "workspaceId" },
  "usage.top": { permission: "usage:read", workspaceField: "workspaceId" },
  "usage.summary": { permission: "usage:read", workspaceField: "workspaceId" },
  // The live stream tells a caller only about changes in the workspaces where they hold usage:read.
  "usage.live": { permission: "usage:read", workspaceField: "workspaceId" },
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

/** Conversations belong to a person: a key, even a user's, is refused. */
function chatUser(f: CellFacts): Outcome | undefined {
  return f.principal.kind === "user"
    ? undefined
    : { status: 403, why: "conversations are for signed-in users" };
}

/** A conversation is private to its user, in its workspace: anyone else (the tenant's owner too) gets 404. */
function ownConversation(f: CellFacts): Outcome | undefined {
  const denied = chatUser(f);
  if (denied !== undefined) return denied;
  const c = f.objects.conversationId!;
  if (c.ownerUserId !== f.principal.userId) return { status: 404, why: "another user's conversation" };
  if (c.workspaceId !== f.objects.workspaceId?.id)
    return { status: 404, why: "a conversation of another workspace" };
  return undefined;
}

/** A chat attachment is private to its uploader, in its workspace: anyone else gets 404. */
function ownFile(f: CellFacts): Outcome | undefined {
  const denied = chatUser(f);
  if (denied !== undefined) return denied;
  const file = f.objects.fileId!;
  if (file.ownerUserId !== f.principal.userId) return { status: 404, why: "another user's file" };
  if (file.workspaceId !== f.objects.workspaceId?.id)
    return { status: 404, why: "a file of another workspace" };
  return undefined;
}

/** A preset is read in its workspace (a shared one by any member there; the fixtures' are shared). */
function visiblePreset(f: CellFacts): Outcome | undefined {
  const denied = chatUser(f);
  if (denied !== undefined) return denied;
  if (f.objects.presetId!.workspaceId !== f.objects.workspaceId?.id)
    return { status: 404, why: "a preset of another workspace" };
  return undefined;
}

/** Only a preset's author changes or deletes it: anyone else gets 404, as for a missing one. */
function ownPreset(f: CellFacts): Outcome | undefined {
  const denied = visiblePreset(f);
  if (denied !== undefined) return denied;
  if (f.objects.presetId!.ownerUserId !== f.principal.userId)
    return { status: 404, why: "another user's preset" };
  return undefined;
}

/** Single sign-on settings: only a signed-in owner may change them, whatever else holds tenant:update. */
const ownerOnly: Rule = (f) =>
  f.principal.kind === "user" && f.principal.role === "owner"
    ? undefined
    : { status: 403, why: "only an owner changes single sign-on" };

/** The handlers' object-level rules, beyond the route's permission check (see control-plane-deps.ts). */
export const OBJECT_RULES: Readonly<Record<string, Rule>> = {
  // A key minting playground keys would outlive its own revocation: issued to signed-in users only.
  "playground.issueKey": (f) =>
    f.principal.kind === "user" ? undefined : { status: 403, why: "playground keys are for signed-in users" },
  "budgets.mine": (f) =>
    f.principal.kind === "user" ? undefined : { status: 403, why: "budgets.mine answers a signed-in user" },
  "conversations.list": chatUser,
  "conversations.create": chatUser,
  "conversations.get": ownConversation,
  "conversations.update": ownConversation,
  "conversations.delete": ownConversation,
  "conversations.appendMessage": ownConversation,
  "conversations.export": ownConversation,
  "conversations.import": chatUser,
  "chatFiles.upload": chatUser,
  "chatFiles.list": chatUser,
  "chatFiles.get": ownFile,
  "chatFiles.content": ownFile,
  "chatFiles.context": ownFile,
  "chatFiles.delete": ownFile,
  "conversations.share": ownConversation,
  "conversations.listShares": ownConversation,
  "conversations.revokeShare": ownConversation,
  // The sample's question is made up (404 past the checks); real answers: chat-answers.e2e.test.ts.
  "conversations.startAnswer": (f) =>
    ownConversation(f) ?? { status: 404, why: "the sample names no question of the conversation" },
  "conversations.answerEvents": ownConversation,
  "conversations.stopAnswer": ownConversation,
  "presets.list": chatUser,
  "presets.create": chatUser,
  "presets.get": visiblePreset,
  "presets.update": ownPreset,
  "presets.delete": ownPreset,
  "keys.get": (f) => requireIn(f, "keys:read", f.objects.keyId!.workspaceId!, "keys:read"),
  "keys.update": keyWrite,
  "keys.rotate": (f) => keyWrite(f) ?? actAs(f),
  "keys.revoke": keyWrite,
  "budgets.setKeyCap": keyWrite,
  "workspaces.get": (f) => requireIn(f, "workspaces:read", f.objects.workspaceId!.id, "workspaces:read"),
  "workspaceMembers.list": (f) => requireIn(f, "members:read", f.objects.workspaceId!.id, "workspaces:read"),
  // A workspace's rate limit (the samples' and fixtures' scope): keys:manage there.
  "rateLimits.create": (f) => requireIn(f, "keys:manage", f.objects["body.workspaceId"]!.id, "keys:read"),
  "rateLimits.update": (f) => requireIn(f, "keys:manage", f.objects.limitId!.workspaceId!, "keys:read"),
  "rateLimits.delete": (f) => requireIn(f, "keys:manage", f.objects.limitId!.workspaceId!, "keys:read"),
  "sso.put": ownerOnly,
  "sso.delete": ownerOnly,
  "usageLogs.get": (f) => requireIn(f, "usage:read", f.objects.requestId!.workspaceId!, "usage:read"),
  // Prompts are never confirmed to exist to who may not read them there: 404, not 403.
  "usageLogs.capture": (f) => requireIn(f, "prompts:read", f.objects.requestId!.workspaceId!, "prompts:read"),
  // The matrix's providers are OpenAI ones: an allowed caller learns the provider is not Ollama's (404).
  // Their successes are tested against the fake Ollama in ollama-models.e2e.test.ts.
  ...Object.fromEntries(
    ["listModels", "showModel", "pullModel", "deleteModel", "registerModel"].map((op) => [
      `ollama.${op}`,
      () => ({ status: 404, why: "the provider is not an Ollama provider" }),
    ]),
  ),
};
