import type * as C from "@gatehouse/contracts";
import type { Body } from "@gatehouse/contracts";
import { GatewayError } from "@gatehouse/protocol";
import { renderEmail } from "../../email/email-templates.js";
import { mailerReady } from "../../email/mailer.js";
import { hashOpaqueToken, newOpaqueToken } from "../../identity/session/opaque-tokens.js";
import { publicUser } from "../../identity/session/session-service.js";
import type { User } from "../../store/store-types.js";
import { type CallContext, type ControlPlaneDeps, userIdOf } from "./control-plane-deps.js";

const RESET_TTL_MINUTES = 30;
const VERIFY_TTL_MINUTES = 24 * 60;

/**
 * Sign-up, sign-in, sessions and the account's own password and email (the "Authentication" contracts).
 * Answers never say whether an email has an account: a password-reset request for an unknown email
 * answers exactly like one for a known email.
 */
export function authHandlers(deps: ControlPlaneDeps) {
  const { store, sessions, hasher } = deps;
  return {
    "auth.signUp": async ({ body, request }: { body: Body<typeof C.signUp> } & CallContext) => {
      if (!deps.identity.signUpEnabled) {
        throw new GatewayError(
          "permission_denied",
          "Sign-up is turned off on this Gatehouse; ask for an invitation.",
        );
      }
      assertDomainAllowed(deps, body.email);
      const passwordHash = await hasher.hash(body.password);
      const user = await store.transaction(async (tx) => {
        const tenant = await tx.tenants.create({ name: `${body.name}'s organisation` });
        await tx.forTenant(tenant.id).workspaces.create({ name: "Default", allowedModels: null });
        const created = await tx.users.create({
          tenantId: tenant.id,
          email: body.email,
          name: body.name,
          role: "owner",
          passwordHash,
        });
        await tx.forTenant(tenant.id).audit.append({
          actorKind: "user",
          actorId: created.id,
          action: "auth.signUp",
          targetKind: "tenant",
          targetId: tenant.id,
          ip: request.ip,
          userAgent: request.userAgent,
          before: null,
          after: { tenant, user: publicUser(created) },
        });
        return created;
      });
      // Signing up works without email configured; the address stays unverified until a link is sent.
      if (mailerReady(deps.mailer))
        void sendVerification(deps, user).catch((err) =>
          deps.logger.warn({ err }, "verification email not sent"),
        );
      return sessions.start(user, undefined, { ip: request.ip, userAgent: request.userAgent });
    },
    "auth.logIn": async ({ body, request }: { body: Body<typeof C.logIn> } & CallContext) =>
      sessions.logIn(body.email, body.password, request.ip, request.userAgent),
    "auth.refresh": async ({ body }: { body: Body<typeof C.refreshSession> }) =>
      sessions.refresh(body.refreshToken),
    "auth.logOut": async ({ body }: { body: Body<typeof C.logOut> }) => {
      await sessions.logOut(body.refreshToken);
      return null;
    },
    "auth.logOutEverywhere": async (ctx: CallContext) => {
      await sessions.logOutEverywhere(userIdOf(ctx));
      await deps.invalidate();
      return null;
    },
    "auth.me": async (ctx: CallContext) => {
      const user = await requireUser(deps, userIdOf(ctx));
      return { user: publicUser(user), memberships: await store.accounts.membershipsOf(user.id) };
    },
    "auth.changePassword": async (ctx: { body: Body<typeof C.changePassword> } & CallContext) => {
      const user = await requireUser(deps, userIdOf(ctx));
      if (!(await hasher.verify(user.passwordHash, ctx.body.currentPassword))) {
        throw new GatewayError("invalid_credentials", "The current password is wrong.");
      }
      await store.accounts.setPassword(user.id, await hasher.hash(ctx.body.newPassword));
      // A changed password ends every other session: whoever knew the old one is out.
      await sessions.logOutEverywhere(user.id);
      return null;
    },
    "auth.requestPasswordReset": async ({ body }: { body: Body<typeof C.requestPasswordReset> }) => {
      requireMailer(deps);
      const user = await store.users.findByEmail(body.email);
      // Sent in the background, so the answer takes as long for an unknown email as for a known one.
      if (user !== undefined)
        void sendPasswordReset(deps, user).catch((err) =>
          deps.logger.warn({ err }, "password reset email not sent"),
        );
      return null;
    },
    "auth.resetPassword": async ({ body }: { body: Body<typeof C.resetPassword> }) => {
      const userId = await store.accounts.oneTimeTokens.consume(
        "password_reset",
        hashOpaqueToken(body.token),
      );
      if (userId === undefined)
        throw new GatewayError("invalid_token", "This reset link is invalid, expired or used.");
      await store.accounts.setPassword(userId, await hasher.hash(body.newPassword));
      // Proving control of the mailbox also verifies it.
      await store.accounts.markEmailVerified(userId);
      await sessions.logOutEverywhere(userId);
      return null;
    },
    "auth.requestEmailVerification": async (ctx: CallContext) => {
      const user = await requireUser(deps, userIdOf(ctx));
      if (user.emailVerifiedAt === null) await sendVerification(deps, user);
      return null;
    },
    "auth.verifyEmail": async ({ body }: { body: Body<typeof C.verifyEmail> }) => {
      const userId = await store.accounts.oneTimeTokens.consume("verify_email", hashOpaqueToken(body.token));
      if (userId === undefined)
        throw new GatewayError("invalid_token", "This link is invalid, expired or used.");
      await store.accounts.markEmailVerified(userId);
      return null;
    },
  };
}

async function requireUser(deps: ControlPlaneDeps, userId: string): Promise<User> {
  const user = await deps.store.users.findById(userId);
  if (user === undefined) throw new GatewayError("unauthenticated", "This account no longer exists.");
  return user;
}

/** Refuses an email outside the sign-up domain allow-list, when there is one. */
export function assertDomainAllowed(deps: ControlPlaneDeps, email: string): void {
  const domains = deps.identity.signUpDomains;
  if (domains.length === 0) return;
  const domain = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
  if (!domains.includes(domain)) {
    throw new GatewayError("permission_denied", "Accounts with this email domain cannot be created here.");
  }
}

function requireMailer(deps: ControlPlaneDeps) {
  if (!mailerReady(deps.mailer)) {
    throw new GatewayError(
      "service_unavailable",
      "Email is not configured on this Gatehouse (GATEHOUSE_SMTP_URL).",
    );
  }
  return deps.mailer;
}

async function sendPasswordReset(deps: ControlPlaneDeps, user: User): Promise<void> {
  const mailer = requireMailer(deps);
  const { token, hash } = newOpaqueToken("ghp");
  const expiresAt = deps.now() + RESET_TTL_MINUTES * 60_000;
  await deps.store.accounts.oneTimeTokens.create({
    purpose: "password_reset",
    userId: user.id,
    tokenHash: hash,
    expiresAt,
  });
  const link = `${deps.identity.publicUrl}/reset-password#token=${token}`;
  await mailer.send({
    to: user.email,
    ...renderEmail("password_reset", { name: user.name, link, expiresInMinutes: RESET_TTL_MINUTES }),
  });
}

async function sendVerification(deps: ControlPlaneDeps, user: User): Promise<void> {
  const mailer = requireMailer(deps);
  const { token, hash } = newOpaqueToken("ghv");
  const expiresAt = deps.now() + VERIFY_TTL_MINUTES * 60_000;
  await deps.store.accounts.oneTimeTokens.create({
    purpose: "verify_email",
    userId: user.id,
    tokenHash: hash,
    expiresAt,
  });
  const link = `${deps.identity.publicUrl}/verify-email#token=${token}`;
  await mailer.send({
    to: user.email,
    ...renderEmail("verify_email", { name: user.name, link, expiresInMinutes: VERIFY_TTL_MINUTES }),
  });
}
