import type * as C from "@gatehouse/contracts";
import type { ParsedBody } from "@gatehouse/contracts";
import { GatewayError } from "@gatehouse/protocol";
import type { ModelWithDeployments } from "../../domain/model.js";
import { audit, type CallContext, type ControlPlaneDeps, found } from "./control-plane-deps.js";
import { modelView } from "./model-view.js";

type ModelCtx = CallContext & { params: { tenantId: string; modelId: string } };
type DeploymentCtx = CallContext & { params: { tenantId: string; modelId: string; deploymentId: string } };

/**
 * A model's deployments (where it routes): add, reweigh or reprioritise, remove. Each answers the model
 * with its deployments, is audited as a change of the model, and bumps the configuration revision (the
 * store does), so routing follows at once here and within a second elsewhere.
 */
export function modelDeploymentHandlers(deps: ControlPlaneDeps) {
  const { store } = deps;
  const model = async (tenantId: string, id: string): Promise<ModelWithDeployments> =>
    found(await store.models.getWithDeployments(tenantId, id));
  /** The model, after checking the deployment is one of its own (else the usual 404). */
  const owning = async (ctx: DeploymentCtx) => {
    const m = await model(ctx.params.tenantId, ctx.params.modelId);
    if (!m.deployments.some((d) => d.id === ctx.params.deploymentId))
      throw new GatewayError("not_found", "The resource does not exist.");
    return m;
  };
  /** Audits the change, refreshes routing and answers the model as it is now. */
  const changed = async (ctx: CallContext, action: string, before: ModelWithDeployments) => {
    const after = await model(before.tenantId, before.id);
    const target = { kind: "model", id: before.id };
    await audit(deps, ctx, before.tenantId, action, target, modelView(before), modelView(after));
    await deps.invalidate();
    return modelView(after);
  };
  return {
    "models.addDeployment": async (ctx: ModelCtx & { body: ParsedBody<typeof C.addModelDeployment> }) => {
      const before = await model(ctx.params.tenantId, ctx.params.modelId);
      // The store checks the provider is the tenant's (404 otherwise) inside its transaction.
      await store.models.addDeployment(before.tenantId, { modelId: before.id, ...ctx.body });
      return changed(ctx, "models.addDeployment", before);
    },
    "models.updateDeployment": async (
      ctx: DeploymentCtx & { body: ParsedBody<typeof C.updateModelDeployment> },
    ) => {
      const before = await owning(ctx);
      const patch = Object.fromEntries(Object.entries(ctx.body).filter(([, v]) => v !== undefined));
      found(await store.models.setDeployment(before.tenantId, ctx.params.deploymentId, patch));
      return changed(ctx, "models.updateDeployment", before);
    },
    "models.removeDeployment": async (ctx: DeploymentCtx) => {
      const before = await owning(ctx);
      await store.models.removeDeployment(before.tenantId, ctx.params.deploymentId);
      return changed(ctx, "models.removeDeployment", before);
    },
  };
}
