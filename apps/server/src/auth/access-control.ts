import {
  isBuiltInTenantRole,
  type Permission,
  TENANT_ROLE_PERMISSIONS,
  WORKSPACE_ROLE_PERMISSIONS,
  type WorkspaceRole,
} from "@gatehouse/contracts";
import type { ApiPrincipal } from "../domain/api-principal.js";
import type { Store } from "../store/store.js";

/** What a principal may do in one tenant: across it, and in each workspace where it has a role. */
export interface TenantAccess {
  /** The tenant role (a built-in name or a custom role id); null for a plain API key. */
  readonly role: string | null;
  readonly tenant: ReadonlySet<Permission>;
  readonly workspaces: ReadonlyMap<string, ReadonlySet<Permission>>;
}

/** What a gateway API key (not a service account's) may do on the control plane: read its tenant's
 * deployments' health and the model catalog. */
export const PLAIN_KEY_PERMISSIONS: ReadonlySet<Permission> = new Set(["deployments:read", "models:read"]);

interface Entry {
  access: TenantAccess | undefined;
  until: number;
}

/**
 * The one permission check of the control plane: who may do what in which tenant and workspace. Answers
 * are cached per principal and tenant for a few seconds and dropped per tenant when that tenant's
 * `permissions` or `keys` scope changes (runtime/apply-changes.ts), so a role change applies on every
 * instance at once through the change bus, or within one revision poll without it. `undefined` means "no access to this tenant at all", which callers answer 404.
 *
 * @example
 * const access = await control.accessOf(principal, tenantId);
 * if (access && control.can(access, "keys:create", workspaceId)) ...
 */
export class AccessControl {
  /** Answers by tenant, then by principal, so a change in one tenant drops only that tenant's answers. */
  private readonly cache = new Map<string, Map<string, Entry>>();
  private size = 0;

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly ttlMs = 10_000,
    private readonly maxEntries = 50_000,
  ) {}

  async accessOf(principal: ApiPrincipal, tenantId: string): Promise<TenantAccess | undefined> {
    const cacheKey = principal.kind === "user" ? principal.userId : principal.keyId;
    const now = this.now();
    const hit = this.cache.get(tenantId)?.get(cacheKey);
    if (hit !== undefined && hit.until > now) return hit.access;
    const access = await this.load(principal, tenantId);
    if (this.size >= this.maxEntries) this.clear();
    let answers = this.cache.get(tenantId);
    if (answers === undefined) {
      answers = new Map();
      this.cache.set(tenantId, answers);
    }
    if (!answers.has(cacheKey)) this.size += 1;
    answers.set(cacheKey, { access, until: now + this.ttlMs });
    return access;
  }

  /**
   * The route-level answer: `no_access` (answered 404) when the principal has nothing in the tenant,
   * `allowed` when it holds the permission tenant-wide, in the named workspace, or (with no workspace
   * named) in some workspace, which the handler then narrows its work to; `forbidden` otherwise.
   */
  async decide(
    principal: ApiPrincipal,
    check: { tenantId: string; workspaceId?: string; permission: Permission },
  ): Promise<"allowed" | "forbidden" | "no_access"> {
    const access = await this.accessOf(principal, check.tenantId);
    if (access === undefined) return "no_access";
    if (this.can(access, check.permission, check.workspaceId)) return "allowed";
    const somewhere =
      check.workspaceId === undefined && this.workspacesWith(access, check.permission).length > 0;
    return somewhere ? "allowed" : "forbidden";
  }

  /** Whether the access grants a permission tenant-wide, or in the given workspace. */
  can(access: TenantAccess, permission: Permission, workspaceId?: string): boolean {
    if (access.tenant.has(permission)) return true;
    return workspaceId !== undefined && (access.workspaces.get(workspaceId)?.has(permission) ?? false);
  }

  /** The workspaces where the access grants a permission: "all" when it holds tenant-wide. */
  workspacesWith(access: TenantAccess, permission: Permission): "all" | string[] {
    if (access.tenant.has(permission)) return "all";
    return [...access.workspaces].filter(([, perms]) => perms.has(permission)).map(([id]) => id);
  }

  /** Forgets every cached answer (a full rebuild). */
  clear(): void {
    this.cache.clear();
    this.size = 0;
  }

  /** Forgets one tenant's cached answers (its `permissions` or `keys` scope changed). */
  forgetTenant(tenantId: string): void {
    this.size -= this.cache.get(tenantId)?.size ?? 0;
    this.cache.delete(tenantId);
  }

  private async load(principal: ApiPrincipal, tenantId: string): Promise<TenantAccess | undefined> {
    const scoped = this.store.forTenant(tenantId);
    if (principal.kind === "api_key") {
      if (principal.tenantId !== tenantId) return undefined;
      if (principal.serviceAccountId === null) {
        return { role: null, tenant: PLAIN_KEY_PERMISSIONS, workspaces: new Map() };
      }
      const account = await scoped.serviceAccounts.get(principal.serviceAccountId);
      if (account === undefined) return undefined;
      return {
        role: account.role,
        tenant: await this.roleGrants(tenantId, account.role),
        workspaces: new Map(),
      };
    }
    const membership = await scoped.members.get(principal.userId);
    if (membership === undefined) return undefined;
    const workspaces = new Map<string, ReadonlySet<Permission>>();
    for (const { workspaceId, role } of await scoped.workspaceMembers.ofUser(principal.userId)) {
      workspaces.set(workspaceId, new Set(WORKSPACE_ROLE_PERMISSIONS[role as WorkspaceRole] ?? []));
    }
    return { role: membership.role, tenant: await this.roleGrants(tenantId, membership.role), workspaces };
  }

  /** A built-in role's permissions, or a custom role's (an unknown role grants nothing). */
  private async roleGrants(tenantId: string, role: string): Promise<ReadonlySet<Permission>> {
    if (isBuiltInTenantRole(role)) return new Set(TENANT_ROLE_PERMISSIONS[role]);
    const custom = await this.store.forTenant(tenantId).roles.get(role);
    return new Set((custom?.permissions ?? []) as Permission[]);
  }
}
