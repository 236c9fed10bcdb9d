import { GatewayError } from "@gatehouse/protocol";
import { type CredentialVault, registerProvider, type Store } from "@gatehouse/server";
import { CREDENTIAL_FIELDS, PROVIDER_SETTINGS, type ProviderSpec } from "./config-schema.js";
import type { ProviderSecrets } from "./credential-digest.js";
import { actionTitle } from "./format-plan.js";
import { modelFieldsFromSpec } from "./model-fields.js";
import type { Plan, PlanAction } from "./plan.js";

export interface ApplyDeps {
  store: Store;
  credentialVault: CredentialVault;
  tenantId: string;
  /** The file's secrets by provider name, read from the environment (resolveCredentials). */
  secrets: ReadonlyMap<string, ProviderSecrets>;
  /** Receives one line per step as it completes or fails. */
  progress: (line: string) => void;
}

/** What an apply did: the steps done in order, and the one that failed with those not attempted. */
export interface ApplyResult {
  done: PlanAction[];
  failed?: { action: PlanAction; error: Error };
  notAttempted: PlanAction[];
}

/**
 * Carries out a plan step by step through the store (providers through registerProvider, which seals
 * their secrets), reporting each step as it goes, and stops at the first failure: the steps before it
 * stay done, and since a plan is recomputed from the store each time, applying again picks up where
 * this one stopped. Every secret a step needs is checked before the first write, so a missing one
 * writes nothing.
 *
 * @example
 * const result = await applyPlan(plan, { store, credentialVault, tenantId, secrets, progress: io.out });
 * if (result.failed) io.err(result.failed.error.message);
 */
export async function applyPlan(plan: Plan, deps: ApplyDeps): Promise<ApplyResult> {
  for (const action of plan.actions) {
    if (action.resource === "provider" && action.op !== "delete") checkSecrets(action.provider, deps.secrets);
  }
  const ids = idCache(deps);
  const done: PlanAction[] = [];
  const total = plan.actions.length;
  for (const [i, action] of plan.actions.entries()) {
    const step = `[${i + 1}/${total}] ${actionTitle(action)}`;
    try {
      await applyAction(action, deps, ids);
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      deps.progress(`${step}: failed: ${error.message}`);
      return { done, failed: { action, error }, notAttempted: plan.actions.slice(i + 1) };
    }
    deps.progress(`${step}: done`);
    done.push(action);
  }
  return { done, notAttempted: [] };
}

function checkSecrets(provider: ProviderSpec, secrets: ReadonlyMap<string, ProviderSecrets>): void {
  for (const field of CREDENTIAL_FIELDS) {
    const ref = provider.credentials[field];
    if (ref !== undefined && !secrets.get(provider.name)?.[field])
      throw new GatewayError(
        "invalid_request",
        `Provider '${provider.name}' needs credentials.${field} from environment variable ${ref.env}, which is not set; nothing was applied.`,
      );
  }
}

type Ids = ReturnType<typeof idCache>;

/** Ids by name: those created by this apply, else looked up in the store. */
function idCache({ store, tenantId }: ApplyDeps) {
  const providers = new Map<string, string>();
  const models = new Map<string, string>();
  const find = async (
    cache: Map<string, string>,
    name: string,
    lookup: (tenantId: string, name: string) => Promise<{ id: string } | undefined>,
  ) => {
    const id = cache.get(name) ?? (await lookup(tenantId, name))?.id;
    if (id === undefined) throw new GatewayError("not_found", `'${name}' does not exist.`);
    cache.set(name, id);
    return id;
  };
  return {
    providers,
    models,
    provider: (name: string) => find(providers, name, (t, n) => store.providers.findByName(t, n)),
    model: (name: string) => find(models, name, (t, n) => store.models.findByName(t, n)),
  };
}

async function applyAction(action: PlanAction, deps: ApplyDeps, ids: Ids): Promise<void> {
  const { store, tenantId } = deps;
  if (action.resource === "workspace") {
    await store.workspaces.create({ tenantId, name: action.name });
    return;
  }
  if (action.resource === "provider") {
    if (action.op !== "create") await store.providers.remove(tenantId, action.id);
    if (action.op === "delete") return;
    const { provider } = await registerProvider(store, deps.credentialVault, {
      tenantId,
      name: action.provider.name,
      kind: action.provider.kind,
      baseUrl: action.provider.baseUrl,
      config: providerConfig(action.provider),
      credentials: deps.secrets.get(action.provider.name) ?? {},
    });
    ids.providers.set(provider.name, provider.id);
    return;
  }
  if (action.resource === "model") {
    if (action.op === "create") {
      const model = await store.models.create({
        tenantId,
        name: action.name,
        ...modelFieldsFromSpec(action.model),
      });
      ids.models.set(model.name, model.id);
    } else if (action.op === "update") {
      if (!(await store.models.update(tenantId, action.id, action.patch)))
        throw gone(`Model '${action.name}'`);
    } else await store.models.remove(tenantId, action.id);
    return;
  }
  if (action.op === "create") {
    const { deployment: d, ref } = action;
    await store.models.addDeployment(tenantId, {
      modelId: await ids.model(ref.model),
      providerId: await ids.provider(ref.provider),
      upstreamModel: d.upstreamModel,
      weight: d.weight,
      priority: d.priority,
      rpm: d.rpm,
      tpm: d.tpm,
      region: d.region,
    });
  } else if (action.op === "update") {
    if (!(await store.models.setDeployment(tenantId, action.id, action.patch))) throw gone("The deployment");
  } else {
    // Gone already (with its provider's replacement, or by another hand) is the state asked for.
    await store.models.removeDeployment(tenantId, action.id);
  }
}

/** The stored config: the kind settings and the free-form rest in one object, as `providers add` stores it. */
function providerConfig(spec: ProviderSpec): Record<string, unknown> {
  const config: Record<string, unknown> = { ...spec.config };
  for (const s of PROVIDER_SETTINGS) if (spec[s] !== undefined) config[s] = spec[s];
  return config;
}

function gone(what: string): GatewayError {
  return new GatewayError("not_found", `${what} was removed while applying; run apply again.`);
}
