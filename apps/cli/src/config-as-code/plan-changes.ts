import type { ModelPatch } from "@gatehouse/server";
import { CREDENTIAL_FIELDS, type ModelSpec, PROVIDER_SETTINGS, type ProviderSpec } from "./config-schema.js";
import type { CurrentState, DesiredState } from "./config-state.js";
import { FILE_KEY_OF, type ModelFields, modelFieldsFromSpec } from "./model-fields.js";
import type { FieldChange, KeptResource, Plan, PlanAction } from "./plan.js";
import { planDeployments } from "./plan-deployments.js";
import { sameValue } from "./same-value.js";

export interface PlanOptions {
  /** Delete what the tenant has and the file does not mention (workspaces excepted). */
  prune?: boolean;
}

/**
 * The ordered steps that make `current` match `desired`: workspaces, then providers, models and
 * deployments created or changed, each after what it refers to. Deletes happen only with `prune`:
 * models before the file's models are written (so a model of the file may take a deleted one's name
 * or alias; nothing refers to a model by id), deployments after the file's, providers last. Steps that
 * would change nothing are left out, so a plan of a state against its own export is empty. Pure: it
 * reads two values and returns a third.
 *
 * @example
 * const plan = planChanges({ config, credentialDigests: resolved.digests }, current, { prune: false });
 * plan.actions.length === 0; // nothing to do
 */
export function planChanges(desired: DesiredState, current: CurrentState, options: PlanOptions = {}): Plan {
  const prune = options.prune === true;
  const want = desired.config;
  const have = current.config;
  const kept: KeptResource[] = [];
  const workspaces: PlanAction[] = [];
  const haveWorkspaces = new Set(have.workspaces.map((w) => w.name));
  for (const w of want.workspaces)
    if (!haveWorkspaces.has(w.name)) workspaces.push({ op: "create", resource: "workspace", name: w.name });
  const wantWorkspaces = new Set(want.workspaces.map((w) => w.name));
  for (const w of have.workspaces)
    if (!wantWorkspaces.has(w.name))
      kept.push({ resource: "workspace", name: w.name, reason: "never deleted" });

  const providers: PlanAction[] = [];
  const replacedProviders = new Set<string>();
  const haveProviders = new Map(have.providers.map((p) => [p.name, p]));
  for (const p of want.providers) {
    const existing = haveProviders.get(p.name);
    if (existing === undefined) {
      providers.push({ op: "create", resource: "provider", name: p.name, provider: p });
      continue;
    }
    const changes = providerChanges(p, existing, {
      desired: desired.credentialDigests.get(p.name) ?? null,
      current: current.credentialDigests.get(p.name) ?? null,
    });
    if (changes.length === 0) continue;
    replacedProviders.add(p.name);
    const id = current.providerIds.get(p.name)!;
    providers.push({ op: "replace", resource: "provider", name: p.name, id, provider: p, changes });
  }

  const models: PlanAction[] = [];
  const haveModels = new Map(have.models.map((m) => [m.name, m]));
  for (const m of want.models) {
    const existing = haveModels.get(m.name);
    if (existing === undefined) {
      models.push({ op: "create", resource: "model", name: m.name, model: m });
      continue;
    }
    const { patch, changes } = modelChanges(m, existing);
    if (changes.length === 0) continue;
    // An update that frees an alias goes first, so another model of the file may take it.
    const frees = existing.aliases.some((a) => !m.aliases.includes(a));
    models[frees ? "unshift" : "push"]({
      op: "update",
      resource: "model",
      name: m.name,
      id: current.modelIds.get(m.name)!,
      patch,
      changes,
    });
  }

  const deletedModels = notIn(have.models, want.models);
  const deletedProviders = notIn(have.providers, want.providers);
  if (!prune) {
    for (const name of deletedModels) kept.push({ resource: "model", name, reason: "not in file" });
    for (const name of deletedProviders) kept.push({ resource: "provider", name, reason: "not in file" });
    deletedModels.clear();
    deletedProviders.clear();
  }
  const deployments = planDeployments(want, current, {
    prune,
    replacedProviders,
    deletedModels,
    deletedProviders,
  });
  kept.push(...deployments.kept);
  const modelDeletes: PlanAction[] = have.models
    .filter((m) => deletedModels.has(m.name))
    .map((m) => ({
      op: "delete",
      resource: "model",
      name: m.name,
      id: current.modelIds.get(m.name)!,
      deployments: m.deployments.length,
    }));
  const providerDeletes: PlanAction[] = have.providers
    .filter((p) => deletedProviders.has(p.name))
    .map((p) => ({
      op: "delete",
      resource: "provider",
      name: p.name,
      id: current.providerIds.get(p.name)!,
      deployments: have.models.flatMap((m) => m.deployments).filter((d) => d.provider === p.name).length,
    }));
  return {
    actions: [
      ...workspaces,
      ...providers,
      ...modelDeletes,
      ...models,
      ...deployments.actions,
      ...providerDeletes,
    ],
    kept,
    prune,
  };
}

function notIn(have: { name: string }[], want: { name: string }[]): Set<string> {
  const wanted = new Set(want.map((x) => x.name));
  return new Set(have.filter((x) => !wanted.has(x.name)).map((x) => x.name));
}

/** What differs; a base URL left out of the file is the one the kind derives, so it is not compared. */
function providerChanges(
  desired: ProviderSpec,
  current: ProviderSpec,
  digests: { desired: string | null; current: string | null },
): FieldChange[] {
  const changes: FieldChange[] = [];
  const compare = (field: string, to: unknown, from: unknown) => {
    if (!sameValue(to, from)) changes.push({ field, from, to });
  };
  compare("kind", desired.kind, current.kind);
  if (desired.baseUrl !== undefined) compare("baseUrl", desired.baseUrl, current.baseUrl);
  for (const s of PROVIDER_SETTINGS) compare(s, desired[s], current[s]);
  compare("config", desired.config, current.config);
  if (digests.desired !== digests.current) {
    const fields = (p: ProviderSpec) => CREDENTIAL_FIELDS.filter((f) => p.credentials[f] !== undefined);
    changes.push({ field: "credentials", from: fields(current), to: fields(desired), secret: true });
  }
  return changes;
}

function modelChanges(desired: ModelSpec, current: ModelSpec): { patch: ModelPatch; changes: FieldChange[] } {
  const want = modelFieldsFromSpec(desired);
  const have = modelFieldsFromSpec(current);
  const patch: Record<string, unknown> = {};
  const changes: FieldChange[] = [];
  for (const field of Object.keys(want) as (keyof ModelFields)[]) {
    if (sameValue(want[field], have[field])) continue;
    patch[field] = want[field];
    changes.push({ field: FILE_KEY_OF[field], from: have[field], to: want[field] });
  }
  return { patch: patch as ModelPatch, changes };
}
