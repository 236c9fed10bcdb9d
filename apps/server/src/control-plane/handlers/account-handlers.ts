import type * as C from "@gatehouse/contracts";
import type { Body, ParsedQuery } from "@gatehouse/contracts";
import { GatewayError } from "@gatehouse/protocol";
import { publicUser } from "../../identity/session/session-service.js";
import { type CallContext, type ControlPlaneDeps, pageOf, userIdOf } from "./control-plane-deps.js";

/**
 * The signed-in person's own account: their name and their sessions (list, end one). Only ever the
 * caller's own: another person's session id changes nothing, exactly like one that never existed.
 */
export function accountHandlers(deps: ControlPlaneDeps) {
  const { store, sessions } = deps;
  return {
    "auth.updateProfile": async (ctx: { body: Body<typeof C.updateProfile> } & CallContext) => {
      const userId = userIdOf(ctx);
      const before = await store.users.findById(userId);
      if (before === undefined) throw new GatewayError("unauthenticated", "This account no longer exists.");
      await store.accounts.setName(userId, ctx.body.name.trim());
      const after = await store.users.findById(userId);
      return publicUser(after ?? before);
    },
    "auth.listSessions": async (ctx: { query: ParsedQuery<typeof C.listSessions> } & CallContext) => {
      if (ctx.principal?.kind !== "user") throw new GatewayError("permission_denied", "Sign in as a user.");
      return sessions.list(ctx.principal.userId, ctx.principal.sessionId, pageOf(ctx.query));
    },
    "auth.revokeSession": async (ctx: { body: Body<typeof C.revokeSession> } & CallContext) => {
      // Only the caller's own sessions are touched; any other id changes nothing (as auth.logOut).
      await sessions.revoke(userIdOf(ctx), ctx.body.sessionId);
      return null;
    },
  };
}
