import type * as C from "@gatehouse/contracts";
import type { ParsedBody, ParsedQuery } from "@gatehouse/contracts";
import type { ModelWithDeployments } from "../../domain/model.js";
import type { ModelPatch } from "../../store/store-types.js";
import { audit, type CallContext, type ControlPlaneDeps, found, pageOf } from "./control-plane-deps.js";
import { modelView } from "./model-view.js";

type ModelCtx = CallContext & { params: { tenantId: string; modelId: string } };

/**
 * Models of a tenant: prices (integer nano-USD per million tokens) and routing settings. Every change is
 * audited and bumps the configuration revision (the store does), so routing follows within a second.
 */
export function modelHandlers(deps: ControlPlaneDeps) {
  const { store } = deps;
  /** The model with its deployments, in the tenant, or the 404 every missing object gets. */
  const withDeployments = async (tenantId: string, id: string): Promise<ModelWithDeployments> =>
    found(await store.models.getWithDeployments(tenantId, id));
  return {
    "models.list": async (ctx: CallContext & { query: ParsedQuery<typeof C.listModels> }) => {
      const page = await store.models.listPage(ctx.tenantId!, pageOf(ctx.query));
      return { items: page.items.map(modelView), nextCursor: page.nextCursor };
    },
    "models.get": async (ctx: ModelCtx) =>
      modelView(await withDeployments(ctx.params.tenantId, ctx.params.modelId)),
    "models.create": async (ctx: CallContext & { body: ParsedBody<typeof C.createModel> }) => {
      const { name, ...settings } = ctx.body;
      const model = await store.models.create({
        tenantId: ctx.tenantId!,
        name,
        inputPricePerMTok: 0,
        outputPricePerMTok: 0,
        contextWindow: null,
        maxOutputTokens: null,
        ...definedOf(settings),
      });
      const view = modelView({ ...model, deployments: [] });
      await audit(deps, ctx, ctx.tenantId!, "models.create", { kind: "model", id: model.id }, null, view);
      // Routable on this instance before the answer, on others through the change bus or the poll.
      await deps.invalidate();
      return view;
    },
    "models.update": async (ctx: ModelCtx & { body: ParsedBody<typeof C.updateModel> }) => {
      const before = await withDeployments(ctx.params.tenantId, ctx.params.modelId);
      found(await store.models.update(before.tenantId, before.id, definedOf(ctx.body) as ModelPatch));
      const after = await withDeployments(before.tenantId, before.id);
      await audit(
        deps,
        ctx,
        before.tenantId,
        "models.update",
        { kind: "model", id: before.id },
        modelView(before),
        modelView(after),
      );
      await deps.invalidate();
      return modelView(after);
    },
    "models.delete": async (ctx: ModelCtx) => {
      const before = await withDeployments(ctx.params.tenantId, ctx.params.modelId);
      await store.models.remove(before.tenantId, before.id);
      await audit(
        deps,
        ctx,
        before.tenantId,
        "models.delete",
        { kind: "model", id: before.id },
        modelView(before),
        null,
      );
      await deps.invalidate();
      return null;
    },
  };
}

/** The fields given (zod leaves absent optional fields undefined; the store wants them left out). */
function definedOf<T extends object>(body: T): Partial<T> {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as Partial<T>;
}
