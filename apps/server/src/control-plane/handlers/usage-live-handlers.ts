import type * as C from "@gatehouse/contracts";
import type { ParsedQuery } from "@gatehouse/contracts";
import type { ContractStreamReply } from "../contract-router/contract-answer.js";
import type { CallContext, ControlPlaneDeps } from "./control-plane-deps.js";
import { usageWorkspaces } from "./usage-scope.js";

/**
 * `usage.live`: a server-sent-event stream telling the Activity page that new usage landed in the
 * workspaces the caller may read (docs/console.md, "Activity"). Access is checked when the stream opens;
 * the stream ends after `maxSeconds`, so a client reconnects with a fresh token and is checked again.
 */
export function usageLiveHandlers(deps: ControlPlaneDeps) {
  return {
    "usage.live": async (
      ctx: CallContext & { query: ParsedQuery<typeof C.usageLive> },
    ): Promise<ContractStreamReply> => {
      const workspaces = await usageWorkspaces(deps, ctx, undefined);
      const stream = deps.usageLive.open(ctx.tenantId!, workspaces, ctx.query.maxSeconds * 1000);
      return { contentType: "text/event-stream; charset=utf-8", stream };
    },
  };
}
