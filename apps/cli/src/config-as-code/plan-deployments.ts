import type { DeploymentPatch } from "@gatehouse/server";
import type { DeploymentSpec, GatehouseConfig } from "./config-schema.js";
import type { CurrentState } from "./config-state.js";
import {
  type DeploymentRef,
  deploymentLabel,
  type FieldChange,
  type KeptResource,
  type PlanAction,
} from "./plan.js";
import { sameValue } from "./same-value.js";

const DEPLOYMENT_FIELDS = ["weight", "priority", "rpm", "tpm", "region"] as const;

/** What the provider and model steps of a plan decided, which the deployment step follows. */
export interface DeploymentContext {
  prune: boolean;
  /** Providers removed and created again: their deployments are gone and must be created anew. */
  replacedProviders: ReadonlySet<string>;
  /** Models and providers deleted: their deployments go with them, so no step of their own. */
  deletedModels: ReadonlySet<string>;
  deletedProviders: ReadonlySet<string>;
}

interface Existing {
  ref: DeploymentRef;
  id: string;
  spec: DeploymentSpec;
}

/**
 * The deployment steps of a plan: each of the file's deployments matched to an existing one by model,
 * provider and upstream model (the first such, when the tenant has several), then created, updated or
 * left alone. Existing deployments the file does not list are deleted with prune and kept without it,
 * except on a replaced provider, where keeping one means creating it again.
 */
export function planDeployments(
  desired: GatehouseConfig,
  current: CurrentState,
  ctx: DeploymentContext,
): { actions: PlanAction[]; kept: KeptResource[] } {
  const pool = existingDeployments(current, ctx);
  const changes: PlanAction[] = [];
  for (const model of desired.models) {
    for (const d of model.deployments) {
      const ref = { model: model.name, provider: d.provider, upstreamModel: d.upstreamModel };
      const existing = pool.get(key(ref))?.shift();
      if (existing === undefined) changes.push({ op: "create", resource: "deployment", ref, deployment: d });
      else if (ctx.replacedProviders.has(d.provider))
        changes.push({ op: "create", resource: "deployment", ref, deployment: d, recreated: true });
      else {
        const fieldChanges = deploymentChanges(d, existing.spec);
        if (fieldChanges.length > 0)
          changes.push({
            op: "update",
            resource: "deployment",
            ref,
            id: existing.id,
            patch: Object.fromEntries(fieldChanges.map((c) => [c.field, c.to])) as DeploymentPatch,
            changes: fieldChanges,
          });
      }
    }
  }
  const deletes: PlanAction[] = [];
  const kept: KeptResource[] = [];
  const desiredModels = new Set(desired.models.map((m) => m.name));
  for (const leftover of [...pool.values()].flat()) {
    const replaced = ctx.replacedProviders.has(leftover.ref.provider);
    if (ctx.prune)
      deletes.push({
        op: "delete",
        resource: "deployment",
        ref: leftover.ref,
        id: leftover.id,
        ...(replaced ? { withReplacedProvider: true as const } : {}),
      });
    else if (replaced)
      changes.push({
        op: "create",
        resource: "deployment",
        ref: leftover.ref,
        deployment: leftover.spec,
        recreated: true,
      });
    else if (desiredModels.has(leftover.ref.model))
      kept.push({ resource: "deployment", name: deploymentLabel(leftover.ref), reason: "not in file" });
  }
  return { actions: [...changes, ...deletes], kept };
}

/** The tenant's deployments that survive the plan's model and provider deletes, grouped by identity. */
function existingDeployments(current: CurrentState, ctx: DeploymentContext): Map<string, Existing[]> {
  const pool = new Map<string, Existing[]>();
  for (const model of current.config.models) {
    if (ctx.deletedModels.has(model.name)) continue;
    const ids = current.deploymentIds.get(model.name) ?? [];
    model.deployments.forEach((spec, i) => {
      if (ctx.deletedProviders.has(spec.provider) || ids[i] === undefined) return;
      const ref = { model: model.name, provider: spec.provider, upstreamModel: spec.upstreamModel };
      const group = pool.get(key(ref)) ?? [];
      group.push({ ref, id: ids[i], spec });
      pool.set(key(ref), group);
    });
  }
  return pool;
}

function key(ref: DeploymentRef): string {
  return JSON.stringify([ref.model, ref.provider, ref.upstreamModel]);
}

function deploymentChanges(desired: DeploymentSpec, current: DeploymentSpec): FieldChange[] {
  return DEPLOYMENT_FIELDS.filter((f) => !sameValue(desired[f], current[f])).map((field) => ({
    field,
    from: current[field],
    to: desired[field],
  }));
}
