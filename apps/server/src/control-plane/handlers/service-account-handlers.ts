import type * as C from "@gatehouse/contracts";
import type { Body, ParsedQuery } from "@gatehouse/contracts";
import { issueApiKey } from "../../auth/issue-api-key.js";
import {
  accessIn,
  audit,
  type CallContext,
  type ControlPlaneDeps,
  found,
  pageOf,
} from "./control-plane-deps.js";
import { requireGrantable } from "./grantable.js";
import { keyView } from "./key-view.js";
import { requireRoleExists } from "./member-handlers.js";

/**
 * Service accounts: identities for automation (CI, batch jobs) whose keys act with a tenant role on the
 * control plane and call models in their workspace; they survive people leaving.
 */
export function serviceAccountHandlers(deps: ControlPlaneDeps) {
  const scoped = (ctx: CallContext) => deps.store.forTenant(ctx.tenantId!);
  return {
    "serviceAccounts.list": async (ctx: CallContext & { query: ParsedQuery<typeof C.listServiceAccounts> }) =>
      scoped(ctx).serviceAccounts.list(pageOf(ctx.query)),
    "serviceAccounts.create": async (ctx: CallContext & { body: Body<typeof C.createServiceAccount> }) => {
      const access = await accessIn(deps, ctx);
      await requireRoleExists(deps, ctx, ctx.body.role);
      await requireGrantable(
        deps,
        ctx,
        access,
        ctx.body.role,
        "You may not give a service account this role.",
      );
      const account = await scoped(ctx).serviceAccounts.create(ctx.body);
      const { apiKey, secret } = await issueApiKey(deps.store, {
        tenantId: account.tenantId,
        workspaceId: account.workspaceId,
        serviceAccountId: account.id,
        name: `${account.name} key`,
      });
      const target = { kind: "service_account", id: account.id };
      await audit(deps, ctx, account.tenantId, "serviceAccounts.create", target, null, account);
      return { serviceAccount: account, issued: { key: keyView(apiKey, deps.now()), secret } };
    },
    "serviceAccounts.delete": async (
      ctx: CallContext & { params: { tenantId: string; serviceAccountId: string } },
    ) => {
      const before = found(await scoped(ctx).serviceAccounts.get(ctx.params.serviceAccountId));
      await scoped(ctx).serviceAccounts.remove(before.id);
      await audit(
        deps,
        ctx,
        before.tenantId,
        "serviceAccounts.delete",
        { kind: "service_account", id: before.id },
        before,
        null,
      );
      await deps.invalidate();
      return null;
    },
  };
}
