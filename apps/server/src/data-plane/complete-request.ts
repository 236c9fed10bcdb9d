import { logRequest } from "../logging/log-request.js";
import { settleUsage } from "../metering/settle-usage.js";
import type { GatewayRuntime } from "./gateway-runtime.js";
import type { RequestContext } from "./request-context.js";

/** The last step of every data-plane request: finalize its usage record (if one was begun) and log it. */
export function completeRequest(rt: GatewayRuntime, ctx: RequestContext, cause?: unknown): void {
  const now = rt.now();
  if (ctx.recorded) rt.usage.finish(settleUsage(ctx, now));
  if (cause !== undefined)
    rt.logger.error({ reqId: ctx.id, err: cause }, "unexpected error while serving a request");
  logRequest(rt.requestLog, ctx, now);
}
