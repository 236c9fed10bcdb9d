import type * as C from "@gatehouse/contracts";
import type { ParsedBody } from "@gatehouse/contracts";
import { openCapture } from "../../capture/capture-writer.js";
import { accessIn, audit, type CallContext, type ControlPlaneDeps, found } from "./control-plane-deps.js";

type Ctx = CallContext & { params: { tenantId: string } };

/**
 * Prompt capture (docs/console.md, "Prompt capture"): the tenant's switch, read with tenant:read and
 * changed with tenant:update (audited, propagated before the answer so the next request follows it),
 * and one request's captured bodies, opened only for who holds prompts:read in the request's workspace
 * — anyone else gets the 404 of a request without a capture.
 */
export function captureHandlers(deps: ControlPlaneDeps) {
  const { store } = deps;
  const captures = (ctx: Ctx) => store.forTenant(ctx.params.tenantId).captures;
  return {
    "capture.get": async (ctx: Ctx) => captures(ctx).getSettings(),
    "capture.update": async (ctx: Ctx & { body: ParsedBody<typeof C.updateCaptureSettings> }) => {
      const before = await captures(ctx).getSettings();
      const patch = {
        ...(ctx.body.enabled !== undefined && { enabled: ctx.body.enabled }),
        ...(ctx.body.maxBytes !== undefined && { maxBytes: ctx.body.maxBytes }),
      };
      const after = await captures(ctx).updateSettings(patch);
      const target = { kind: "capture_settings", id: ctx.params.tenantId };
      await audit(deps, ctx, ctx.params.tenantId, "capture.update", target, before, after);
      await deps.invalidate();
      return after;
    },
    "usageLogs.capture": async (ctx: Ctx & { params: { requestId: string } }) => {
      const access = await accessIn(deps, ctx);
      const capture = found(await captures(ctx).get(ctx.params.requestId));
      found(deps.access.can(access, "prompts:read", capture.workspaceId) ? capture : undefined);
      const record = await store.forTenant(ctx.params.tenantId).usageLog.get(capture.id);
      const plain = openCapture(deps.providers.vault, capture);
      return {
        requestId: capture.id,
        workspaceId: capture.workspaceId,
        createdAt: capture.createdAt,
        request: { text: plain.request, bytes: capture.requestBytes, truncated: capture.requestTruncated },
        response:
          plain.response === null
            ? null
            : { text: plain.response, bytes: capture.responseBytes, truncated: capture.responseTruncated },
        stream: record?.stream ?? false,
      };
    },
  };
}
