import type * as C from "@gatehouse/contracts";
import type { Body, ParsedQuery } from "@gatehouse/contracts";
import { GatewayError } from "@gatehouse/protocol";
import { renderEmail } from "../../email/email-templates.js";
import { mailerReady } from "../../email/mailer.js";
import { hashOpaqueToken, newOpaqueToken } from "../../identity/session/opaque-tokens.js";
import type { User } from "../../store/store-types.js";
import type { Invitation } from "../../store/tenancy-types.js";
import {
  accessIn,
  audit,
  type CallContext,
  type ControlPlaneDeps,
  found,
  pageOf,
  requireTenantWide,
} from "./control-plane-deps.js";
import { requireGrantable } from "./grantable.js";
import { requireRoleExists } from "./member-handlers.js";

const INVALID = "This invitation is invalid, expired, revoked or already used.";

/**
 * Invitations by email: a single-use link (stored as its SHA-256), expiring after a few days. Accepting
 * creates the account when the address has none; an existing account proves itself with its password.
 */
export function invitationHandlers(deps: ControlPlaneDeps) {
  const scoped = (ctx: CallContext) => deps.store.forTenant(ctx.tenantId!);
  return {
    "invitations.create": async (ctx: CallContext & { body: Body<typeof C.createInvitation> }) => {
      const access = await accessIn(deps, ctx);
      const { body } = ctx;
      await requireRoleExists(deps, ctx, body.role);
      await requireGrantable(deps, ctx, access, body.role, "Only an owner invites owners.");
      if (
        body.workspaceId !== undefined &&
        (await scoped(ctx).workspaces.get(body.workspaceId)) === undefined
      ) {
        throw new GatewayError("not_found", "No such workspace.", { param: "workspaceId" });
      }
      const mailer = deps.mailer;
      if (!mailerReady(mailer))
        throw new GatewayError("service_unavailable", "Email is not configured (GATEHOUSE_SMTP_URL).");
      const { token, hash } = newOpaqueToken("ghi");
      const invitation = await scoped(ctx).invitations.create({
        email: body.email,
        role: body.role,
        workspaceId: body.workspaceId ?? null,
        workspaceRole: body.workspaceId === undefined ? null : (body.workspaceRole ?? "member"),
        invitedBy: ctx.principal?.kind === "user" ? ctx.principal.userId : null,
        expiresAt: deps.now() + (body.expiresInDays ?? 7) * 86_400_000,
        tokenHash: hash,
      });
      const [tenant, inviter] = await Promise.all([
        deps.store.tenants.get(invitation.tenantId),
        invitation.invitedBy === null ? undefined : deps.store.users.findById(invitation.invitedBy),
      ]);
      await mailer.send({
        to: invitation.email,
        ...renderEmail("invitation", {
          inviterName: inviter?.name ?? "An administrator",
          tenantName: tenant?.name ?? "a Gatehouse organisation",
          role: body.role,
          link: `${deps.identity.publicUrl}/accept-invitation#token=${token}`,
          expiresInDays: body.expiresInDays ?? 7,
        }),
      });
      const shown = view(deps, invitation);
      await audit(
        deps,
        ctx,
        invitation.tenantId,
        "invitations.create",
        { kind: "invitation", id: invitation.id },
        null,
        shown,
      );
      return shown;
    },
    "invitations.list": async (ctx: CallContext & { query: ParsedQuery<typeof C.listInvitations> }) => {
      // Invitations are the tenant's, not a workspace's: a workspace role's members:read does not list them.
      requireTenantWide(deps, await accessIn(deps, ctx), "members:read");
      const status = ctx.query.status;
      const page = await scoped(ctx).invitations.list(
        pageOf(ctx.query),
        status === undefined ? {} : { status },
      );
      return { items: page.items.map((i) => view(deps, i)), nextCursor: page.nextCursor };
    },
    "invitations.revoke": async (
      ctx: CallContext & { params: { tenantId: string; invitationId: string } },
    ) => {
      const before = found(await scoped(ctx).invitations.get(ctx.params.invitationId));
      if (!(await scoped(ctx).invitations.revoke(before.id))) {
        throw new GatewayError("conflict", "Only a pending invitation can be revoked.");
      }
      await audit(
        deps,
        ctx,
        before.tenantId,
        "invitations.revoke",
        { kind: "invitation", id: before.id },
        view(deps, before),
        null,
      );
      return null;
    },
    "invitations.accept": async (ctx: CallContext & { body: Body<typeof C.acceptInvitation> }) => {
      const invitation = await deps.store.accounts.invitations.findPendingByHash(
        hashOpaqueToken(ctx.body.token),
      );
      if (invitation === undefined) throw new GatewayError("invalid_token", INVALID);
      const user = await accountFor(deps, invitation, ctx.body);
      if (!(await deps.store.accounts.invitations.accept(invitation.id)))
        throw new GatewayError("invalid_token", INVALID);
      const tenant = deps.store.forTenant(invitation.tenantId);
      if ((await tenant.members.get(user.id)) === undefined)
        await tenant.members.add(user.id, invitation.role);
      if (invitation.workspaceId !== null) {
        await tenant.workspaceMembers.put(
          invitation.workspaceId,
          user.id,
          invitation.workspaceRole ?? "member",
        );
      }
      // The link came to this mailbox: the address is verified.
      await deps.store.accounts.markEmailVerified(user.id);
      await audit(
        deps,
        { ...ctx, principal: { kind: "user", userId: user.id, sessionId: "" } },
        invitation.tenantId,
        "invitations.accept",
        { kind: "invitation", id: invitation.id },
        null,
        { userId: user.id, role: invitation.role },
      );
      await deps.invalidate();
      return deps.sessions.start((await deps.store.users.findById(user.id)) ?? user, undefined, {
        ip: ctx.request.ip,
        userAgent: ctx.request.userAgent,
      });
    },
  };
}

/** The invitee's account: the existing one (password checked) or a new one in the inviting tenant. */
async function accountFor(
  deps: ControlPlaneDeps,
  invitation: Invitation,
  body: Body<typeof C.acceptInvitation>,
): Promise<User> {
  const existing = await deps.store.users.findByEmail(invitation.email);
  if (existing !== undefined) {
    if (!(await deps.hasher.verify(existing.passwordHash, body.password))) {
      throw new GatewayError("invalid_credentials", "The password of the existing account is wrong.");
    }
    return existing;
  }
  if (body.name === undefined)
    throw new GatewayError("invalid_request", "A name is required to create the account.", { param: "name" });
  if (body.password.length < 12) {
    throw new GatewayError("invalid_request", "The password needs at least 12 characters.", {
      param: "password",
    });
  }
  return deps.store.users.create({
    tenantId: invitation.tenantId,
    email: invitation.email,
    name: body.name,
    role: invitation.role as User["role"],
    passwordHash: await deps.hasher.hash(body.password),
  });
}

function view(deps: ControlPlaneDeps, i: Invitation) {
  const status =
    i.acceptedAt !== null
      ? "accepted"
      : i.revokedAt !== null
        ? "revoked"
        : i.expiresAt <= deps.now()
          ? "expired"
          : "pending";
  return {
    id: i.id,
    tenantId: i.tenantId,
    email: i.email,
    role: i.role,
    workspaceId: i.workspaceId,
    workspaceRole: i.workspaceRole as "admin" | "member" | "viewer" | null,
    invitedBy: i.invitedBy,
    expiresAt: i.expiresAt,
    createdAt: i.createdAt,
    status,
  } as const;
}
