import { randomBytes } from "node:crypto";
import type { BuiltInTenantRole, OidcRoleMapping } from "@gatehouse/contracts";
import { GatewayError } from "@gatehouse/protocol";
import type { Store } from "../../store/store.js";
import type { User, UserRole } from "../../store/store-types.js";
import type { TenantStore } from "../../store/tenancy-types.js";
import type { OidcClaims } from "../oidc/complete-oidc-login.js";
import { isEmailDomainAllowed } from "../oidc/is-email-domain-allowed.js";
import { mapClaimsToRoles, type OidcRoleAssignment } from "../oidc/map-oidc-claims.js";
import type { PasswordHasher } from "../session/password-hasher.js";
import { decideSsoRole } from "./decide-sso-role.js";
import { resolveMappingWorkspaces } from "./resolve-mapping-workspaces.js";
import { type SsoWorkspaceChanges, syncSsoWorkspaces } from "./sync-sso-workspaces.js";

/** The tenant's rules for who gets in, from its single sign-on settings. */
export interface SsoAdmissionPolicy {
  mapping: OidcRoleMapping;
  /** The tenant's allowed email domains; empty admits every domain. */
  allowedDomains: readonly string[];
  jitProvisioning: boolean;
  /** The installation's sign-up domains (GATEHOUSE_SIGNUP_DOMAINS), also required of new accounts. */
  installationDomains: readonly string[];
}

export interface AdmitSsoUserDeps {
  store: Store;
  hasher: PasswordHasher;
  now: () => number;
}

/** Where the login came from, for the audit log. */
export interface SsoRequestMeta {
  ip: string;
  userAgent: string | null;
}

const USER_ROLES: readonly string[] = ["owner", "admin", "member", "viewer"];

/**
 * Lets a verified identity into the tenant and answers its account (docs/sso.md, "What happens to
 * existing users"):
 * - the provider must vouch for the email (`email_verified: true`), in an allowed domain;
 * - an account with that email signs in and keeps its password; its tenant role follows the groups
 *   (see decideSsoRole: never a lock-out, never the last owner demoted). An account that belongs to other
 *   tenants as well is refused: a session opens every tenant of the account, and one tenant's provider
 *   must not vouch for another tenant's users;
 * - an unknown email gets an account and a membership when just-in-time provisioning is on and the
 *   groups (or the default role) give it a role, else a 403 that says why;
 * - workspace memberships the mapping names follow the groups on every login; others stay as they are.
 * Each provisioning and each role change is audited, with the user as the actor.
 *
 * @example
 * const user = await admitSsoUser(deps, tenantId, claims, policy, { ip, userAgent });
 */
export async function admitSsoUser(
  deps: AdmitSsoUserDeps,
  tenantId: string,
  identity: OidcClaims,
  policy: SsoAdmissionPolicy,
  meta: SsoRequestMeta,
): Promise<User> {
  const email = verifiedEmailOf(identity, policy);
  const assignment = mapClaimsToRoles(identity.raw, policy.mapping);
  const ruleRole = mapClaimsToRoles(identity.raw, { ...policy.mapping, defaultTenantRole: null }).tenantRole;
  const workspaceIds = await resolveMappingWorkspaces(deps.store.forTenant(tenantId), policy.mapping);
  // Hashed before the transaction (argon2id is slow): a random password nobody knows, until a reset.
  const unusablePassword = () => deps.hasher.hash(randomBytes(32).toString("base64url"));
  const known = await deps.store.users.findByEmail(email);
  const passwordHash = known === undefined ? await unusablePassword() : undefined;
  return deps.store.transaction(async (tx) => {
    const existing = await tx.users.findByEmail(email);
    const admitted =
      existing === undefined
        ? await provisionAccount(tx, tenantId, identity, {
            email,
            passwordHash: passwordHash ?? (await unusablePassword()),
            assignment,
            policy,
            now: deps.now,
          })
        : await admitAccount(tx, tenantId, existing, { assignment, ruleRole, policy, now: deps.now });
    const tenant = tx.forTenant(tenantId);
    const changes = await syncSsoWorkspaces(tenant, admitted.account.id, assignment, workspaceIds);
    await auditAdmission(tenant, meta, email, admitted, changes);
    return admitted.account;
  });
}

/** One entry per change: a provisioning (with its roles), or a tenant role and workspace roles changed. */
async function auditAdmission(
  tenant: Pick<TenantStore, "audit">,
  meta: SsoRequestMeta,
  email: string,
  admitted: Admitted,
  changes: SsoWorkspaceChanges,
): Promise<void> {
  const userId = admitted.account.id;
  const entry = { actorKind: "user", actorId: userId, targetId: userId, ...meta } as const;
  if (admitted.provisioned) {
    await tenant.audit.append({
      ...entry,
      action: "sso.provision",
      targetKind: "user",
      before: null,
      after: { email, role: admitted.role, workspaces: changes.after },
    });
    return;
  }
  if (admitted.role !== admitted.previousRole) {
    await tenant.audit.append({
      ...entry,
      action: "sso.roleChange",
      targetKind: "member",
      before: { role: admitted.previousRole },
      after: { role: admitted.role },
    });
  }
  if (changes.changed) {
    await tenant.audit.append({
      ...entry,
      action: "sso.workspaceRoles",
      targetKind: "member",
      before: { workspaces: changes.before },
      after: { workspaces: changes.after },
    });
  }
}

interface Admitted {
  account: User;
  role: string;
  previousRole: string | null;
  /** Whether this login made the membership (an account existed, but not in this tenant). */
  provisioned: boolean;
}

function verifiedEmailOf(identity: OidcClaims, policy: SsoAdmissionPolicy): string {
  if (identity.email === undefined || !identity.emailVerified) {
    throw new GatewayError(
      "permission_denied",
      "The identity provider did not state a verified email address (the email and email_verified claims); Gatehouse needs one to find or create your account.",
    );
  }
  if (!isEmailDomainAllowed(identity, policy.allowedDomains)) {
    throw new GatewayError(
      "permission_denied",
      "Accounts with this email domain cannot sign in to this organisation by single sign-on.",
    );
  }
  return identity.email;
}

interface NewAccount {
  email: string;
  passwordHash: string;
  assignment: OidcRoleAssignment;
  policy: SsoAdmissionPolicy;
  now: () => number;
}

async function provisionAccount(
  tx: Store,
  tenantId: string,
  identity: OidcClaims,
  { email, passwordHash, assignment, policy, now }: NewAccount,
): Promise<Admitted> {
  const role = requireJit(policy, assignment);
  if (!isEmailDomainAllowed(identity, policy.installationDomains)) {
    throw new GatewayError("permission_denied", "Accounts with this email domain cannot be created here.");
  }
  const account = await tx.users.create({
    tenantId,
    email,
    name: (identity.name ?? email.slice(0, email.indexOf("@"))).slice(0, 100),
    role: USER_ROLES.includes(role) ? (role as UserRole) : "viewer",
    passwordHash,
    emailVerifiedAt: now(),
  });
  if (!USER_ROLES.includes(role)) await tx.forTenant(tenantId).members.setRole(account.id, role);
  return { account, role, previousRole: null, provisioned: true };
}

interface Groups {
  assignment: OidcRoleAssignment;
  ruleRole: BuiltInTenantRole | null;
  policy: SsoAdmissionPolicy;
  now: () => number;
}

async function admitAccount(
  tx: Store,
  tenantId: string,
  account: User,
  { assignment, ruleRole, policy, now }: Groups,
): Promise<Admitted> {
  const elsewhere = (await tx.accounts.membershipsOf(account.id)).filter((m) => m.tenantId !== tenantId);
  if (elsewhere.length > 0) {
    throw new GatewayError(
      "permission_denied",
      "This account belongs to other organisations too, so one organisation's single sign-on cannot sign it in; sign in with your password.",
    );
  }
  if (account.emailVerifiedAt === null) await tx.accounts.markEmailVerified(account.id);
  const verified = account.emailVerifiedAt === null ? { ...account, emailVerifiedAt: now() } : account;
  const members = tx.forTenant(tenantId).members;
  const member = await members.get(account.id);
  if (member === undefined) {
    const role = requireJit(policy, assignment);
    await members.add(account.id, role);
    return { account: verified, role, previousRole: null, provisioned: true };
  }
  const lastOwner = member.role === "owner" && (await members.countWithRole("owner")) <= 1;
  const role = decideSsoRole({
    current: member.role,
    ruleRole,
    defaultRole: policy.mapping.defaultTenantRole ?? null,
    lastOwner,
  });
  if (role !== member.role) await members.setRole(account.id, role);
  return { account: verified, role, previousRole: member.role, provisioned: false };
}

/** The role a new member gets, or the 403 saying why there is none. */
function requireJit(policy: SsoAdmissionPolicy, assignment: OidcRoleAssignment): string {
  if (!policy.jitProvisioning) {
    throw new GatewayError(
      "permission_denied",
      "You have no account in this organisation, and it does not create accounts at sign-in; ask an admin to invite you.",
    );
  }
  if (assignment.tenantRole === null) {
    throw new GatewayError(
      "permission_denied",
      "Your groups at the identity provider give you no role in this organisation; ask an admin to add you to a mapped group.",
    );
  }
  return assignment.tenantRole;
}
