import type { Contract } from "@gatehouse/contracts";
import { CAPTURE_PURPOSE } from "../../../capture/capture-writer.js";
import { registerProvider } from "../../../services/register-provider.js";
import { freshPlanId } from "./matrix-billing.js";
import { addChatLibraryObjects, CHAT_LIBRARY_FRESH } from "./matrix-chat-library.js";
import { type ObjectOwner, type ObjectRef, type ObjectSetName, VALUE_PARAMS } from "./matrix-model.js";
import type { MatrixTenant, MatrixWorld } from "./matrix-world.js";

/** The objects already chosen for the path's earlier parameters, and the path itself. */
interface FixtureContext {
  path: string;
  resolved: Record<string, ObjectRef>;
}

/** How to name an object for one path parameter: a fresh one for a cell that changes it. */
type Fresh = (w: MatrixWorld, t: MatrixTenant, ctx: FixtureContext) => Promise<ObjectRef>;

/**
 * The credentials the fixtures and samples give providers (and single sign-on): no answer may show them
 * (matrix-visibility.ts looks for each), only their last four characters.
 */
export const MATRIX_CREDENTIALS = {
  sharedProvider: "sk-matrix-shared-CREDENTIALzz0001",
  freshProvider: "sk-matrix-fresh-CREDENTIALzz0002",
  createdProvider: "sk-matrix-created-CREDENTIALzz0003",
  replacedProvider: "sk-matrix-replaced-CREDENTIALzz0004",
  ssoClientSecret: "matrix-sso-client-SECRETzz0005",
} as const;

/**
 * Where providers made through the API point: a loopback port nobody listens on (connections are refused
 * at once), reachable by a tenant provider only because the matrix's server allow-lists it, as an
 * operator would (GATEHOUSE_ALLOWED_PRIVATE_UPSTREAMS).
 */
export const MATRIX_UPSTREAM = "127.0.0.1:9";

const ref = (t: MatrixTenant, id: string, extra: Partial<ObjectRef> = {}): ObjectRef => ({
  id,
  tenant: t.tag,
  ...extra,
});

/** The workspace of the path (already chosen), or the tenant's shared one. */
const workspaceOf = (t: MatrixTenant, ctx: FixtureContext) =>
  ctx.resolved.workspaceId?.tenant === t.tag ? ctx.resolved.workspaceId.id : t.workspaceId;

/**
 * One entry per path parameter name of the contracts. A contract naming a parameter missing here makes
 * the matrix fail ("add a fixture for :name"): add a shared object in addSharedObjects (below) and
 * a fresh factory here.
 */
export const FRESH: Readonly<Record<string, Fresh>> = {
  tenantId: async (_w, t) => t.shared.get("tenantId")!,
  workspaceId: async (w, t) => {
    const ws = await w.must(201, "POST", `/api/tenants/${t.id}/workspaces`, t.owner.token!, {
      name: w.unique("fresh ws "),
    });
    await w.copyWorkspaceRoles(t, t.workspaceId, ws.id);
    return ref(t, ws.id);
  },
  userId: async (w, t, ctx) => {
    if (ctx.path.includes("/workspaces/:workspaceId/members/:userId")) {
      const ws = workspaceOf(t, ctx);
      const path = `/api/tenants/${t.id}/workspaces/${ws}/members/${t.fodderUserId}`;
      await w.must(200, "PUT", path, t.owner.token!, { role: "viewer" });
      return ref(t, t.fodderUserId);
    }
    const joined = await w.invite(t, `${w.unique("fresh")}@matrix.test`, "member");
    return ref(t, joined.userId);
  },
  keyId: async (w, t, ctx) => {
    const ws = workspaceOf(t, ctx);
    if (t.serviceAccountRole !== undefined) {
      const sa = await w.must(201, "POST", `/api/tenants/${t.id}/service-accounts`, t.owner.token!, {
        name: w.unique("key holder "),
        role: t.serviceAccountRole,
        workspaceId: ws,
      });
      const extra = { workspaceId: ws, ownerUserId: null, serviceAccountRole: t.serviceAccountRole };
      return ref(t, sa.issued.key.id, extra);
    }
    const key = await w.createKey(t, ws, t.keyMaker);
    return ref(t, key.key.id, { workspaceId: ws, ownerUserId: t.keyMaker.userId });
  },
  roleId: async (w, t) => {
    const role = await w.must(201, "POST", `/api/tenants/${t.id}/roles`, t.owner.token!, {
      name: w.unique("fresh role "),
      permissions: ["tenant:read"],
    });
    return ref(t, role.id);
  },
  invitationId: async (w, t) => {
    const inv = await w.must(201, "POST", `/api/tenants/${t.id}/invitations`, t.owner.token!, {
      email: `${w.unique("invitee")}@matrix.test`,
      role: "viewer",
    });
    return ref(t, inv.id);
  },
  serviceAccountId: async (w, t) => {
    const sa = await w.must(201, "POST", `/api/tenants/${t.id}/service-accounts`, t.owner.token!, {
      name: w.unique("fresh sa "),
      role: "viewer",
      workspaceId: t.workspaceId,
    });
    return ref(t, sa.serviceAccount.id);
  },
  providerId: async (w, t) => {
    const provider = await w.must(201, "POST", `/api/tenants/${t.id}/providers`, t.owner.token!, {
      name: w.unique("fresh-up-"),
      kind: "openai",
      baseUrl: `http://${MATRIX_UPSTREAM}/v1`,
      apiKey: MATRIX_CREDENTIALS.freshProvider,
    });
    return ref(t, provider.id);
  },
  modelId: async (w, t) => {
    const model = await w.must(201, "POST", `/api/tenants/${t.id}/models`, t.owner.token!, {
      name: w.unique("fresh-model-"),
      inputPricePerMTok: 2_500_000_000,
      outputPricePerMTok: 10_000_000_000,
    });
    return ref(t, model.id);
  },
  // A deployment of the path's model (or the tenant's shared one), routed to the tenant's shared provider.
  deploymentId: async (w, t, ctx) => {
    const modelRef = ctx.resolved.modelId;
    const modelId = modelRef?.tenant === t.tag ? modelRef.id : t.shared.get("modelId")!.id;
    const deployment = await w.gw.store.models.addDeployment(t.id, {
      modelId,
      providerId: t.shared.get("providerId")!.id,
      upstreamModel: w.unique("fresh-upstream-").replace(/\s/g, "-"),
      weight: 1,
      priority: 1,
    });
    return ref(t, deployment.id);
  },
  // A workspace's limit (keys:manage there changes it), on a model pattern of its own.
  limitId: async (w, t, ctx) => {
    const ws = workspaceOf(t, ctx);
    const limit = await w.must(201, "POST", `/api/tenants/${t.id}/rate-limits`, t.owner.token!, {
      scopeKind: "workspace",
      scopeId: ws,
      model: w.unique("limited-").replace(/\s/g, "-"),
      rpm: 100,
    });
    return ref(t, limit.id, { workspaceId: ws });
  },
  budgetId: async (w, t) => {
    const budget = await w.must(201, "POST", `/api/tenants/${t.id}/budgets`, t.owner.token!, {
      scopeKind: "workspace",
      scopeId: t.workspaceId,
      metric: "cost",
      period: "monthly",
      limit: 1_000_000_000,
    });
    return ref(t, budget.id);
  },
  planId: async (w, t) => ref(t, await freshPlanId(w)),
  // A conversation of the tenant's owner in the path's workspace: private to that user (OBJECT_RULES).
  conversationId: async (w, t, ctx) => {
    const ws = workspaceOf(t, ctx);
    const c = await w.must(
      201,
      "POST",
      `/api/tenants/${t.id}/workspaces/${ws}/conversations`,
      t.owner.token!,
      {
        title: w.unique("chat "),
        model: "matrix-model",
      },
    );
    return ref(t, c.id, { workspaceId: ws, ownerUserId: t.owner.userId });
  },
  ...CHAT_LIBRARY_FRESH,
  targetTenantId: async (_w, t) => ref(t, t.id),
  // A value, not an object (matrix-model VALUE_PARAMS): no tenant owns a month.
  month: async (_w, t) => ref(t, "2026-11"),
  // An Ollama model name, a value like the month.
  model: async (_w, t) => ref(t, "llama3.2:latest"),
  // Deployments are only read through the API: the shared one serves every cell.
  id: async (_w, t) => t.shared.get("id")!,
  // A request in the log: written as the data plane writes it, in the tenant's shared workspace.
  requestId: async (w, t) => {
    const id = w.unique("req_matrix_").replace(/\W/g, "_");
    await w.gw.store.usage.insertPending([
      {
        id,
        tenantId: t.id,
        workspaceId: t.workspaceId,
        apiKeyId: t.shared.get("keyId")?.id ?? "key_matrix",
        userId: null,
        model: "matrix-model",
        providerId: null,
        deploymentId: null,
        upstreamModel: null,
        surface: "openai.chat",
        stream: false,
        startedAt: Date.now(),
      },
    ]);
    // Its captured prompt (usageLogs.capture), sealed as the data plane seals one.
    const sealed = w.gw.credentialVault.seal({ tenantId: t.id, recordId: id }, "{}", CAPTURE_PURPOSE);
    await w.gw.store.captures.insert({
      id,
      tenantId: t.id,
      workspaceId: t.workspaceId,
      createdAt: Date.now(),
      keyId: sealed.keyId,
      requestBody: sealed.ciphertext,
      responseBody: null,
      requestBytes: 2,
      responseBytes: 0,
      requestTruncated: false,
      responseTruncated: false,
    });
    return ref(t, id, { workspaceId: t.workspaceId });
  },
};

/** The path parameter names of a contract, in path order. */
export function pathParams(contract: Contract): string[] {
  return [...contract.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
}

/** Every path parameter name the contracts use that has no fixture, with a contract naming it. */
export function missingFixtures(contracts: readonly Contract[]): string[] {
  const missing = new Set<string>();
  for (const c of contracts) {
    for (const name of pathParams(c)) {
      if (!(name in FRESH)) missing.add(`add a fixture for :${name} (used by ${c.id}: ${c.path})`);
    }
  }
  return [...missing];
}

/** Whether a cell changes the objects its path names, so it gets fresh ones (creates add under a parent). */
export function changesObjects(contract: Contract): boolean {
  return contract.method !== "GET" && !contract.idempotent && pathParams(contract).length > 0;
}

/**
 * The object owners a contract's cells cover: none, each tenant, tenant A naming B's objects, A's
 * objects in its second and third workspaces (paths naming a workspace or a key), keys A's member
 * owns, and keys of owner-role service accounts in the second workspace.
 */
export function ownersOf(contract: Contract, bodyCrosses: boolean): ObjectOwner[] {
  const params = pathParams(contract);
  if (params.length === 0) return ["-"];
  const owners: ObjectOwner[] = ["A", "B"];
  const objects = params.filter((p) => !VALUE_PARAMS.has(p));
  if (params.includes("tenantId") && (objects.length > 1 || bodyCrosses)) owners.push("A+B");
  if (params.includes("workspaceId") || params.includes("keyId")) owners.push("A2", "A3");
  if (params.includes("keyId")) owners.push("Aown", "Asa");
  return owners;
}

/** The object set that fills a parameter in a cell (A+B: the tenant from A, the rest from B). */
export function tenantFor(owner: ObjectOwner, param: string): ObjectSetName {
  if (owner === "A+B") return param === "tenantId" ? "A" : "B";
  return owner === "-" ? "A" : owner;
}

/** The objects of a cell's path: shared ones, or fresh ones when the cell changes them. */
export async function objectsFor(
  w: MatrixWorld,
  contract: Contract,
  owner: ObjectOwner,
): Promise<Record<string, ObjectRef>> {
  const resolved: Record<string, ObjectRef> = {};
  const fresh = changesObjects(contract);
  for (const name of pathParams(contract)) {
    const factory = FRESH[name];
    if (factory === undefined) throw new Error(`add a fixture for :${name} (${contract.id})`);
    const t = w.tenants[tenantFor(owner, name)];
    const shared = t.shared.get(name);
    if (shared === undefined)
      throw new Error(`add a fixture for :${name}: no shared object (addSharedObjects)`);
    resolved[name] = fresh ? await factory(w, t, { path: contract.path, resolved }) : shared;
  }
  return resolved;
}

/** The request path with the objects' ids in place of the parameters. */
export function fillPath(contract: Contract, objects: Record<string, ObjectRef>): string {
  return contract.path.replace(/:([A-Za-z]+)/g, (_, name: string) => objects[name]!.id);
}

/**
 * A tenant's shared objects, one per path parameter: its workspace and a member there, and one of each
 * kind the fresh factories make; the provider through registerProvider as the operator would (a
 * "platform" one), with its model and deployment. Providers and models made through the API are the
 * fresh ones cells change.
 */
export async function addSharedObjects(w: MatrixWorld, t: MatrixTenant): Promise<void> {
  t.shared.set("tenantId", ref(t, t.id));
  t.shared.set("workspaceId", ref(t, t.workspaceId));
  t.shared.set("userId", ref(t, t.fodderUserId));
  const ctx = { path: "", resolved: {} };
  for (const name of [
    "limitId",
    "budgetId",
    "keyId",
    "roleId",
    "invitationId",
    "serviceAccountId",
    "planId",
    "targetTenantId",
    "month",
    "model",
    "requestId",
    "conversationId",
  ]) {
    t.shared.set(name, await FRESH[name]!(w, t, ctx));
  }
  await addChatLibraryObjects(w, t);
  const { provider } = await registerProvider(w.gw.store, w.gw.credentialVault, {
    tenantId: t.id,
    name: `upstream-${t.tag.toLowerCase()}`,
    kind: "openai",
    baseUrl: "http://127.0.0.1:9/v1",
    apiKey: MATRIX_CREDENTIALS.sharedProvider,
    models: ["matrix-model"],
  });
  const [model] = await w.gw.store.models.list(t.id);
  t.shared.set("providerId", ref(t, provider.id));
  t.shared.set("modelId", ref(t, model!.id));
  t.shared.set("id", ref(t, model!.deployments[0]!.id));
  t.shared.set("deploymentId", ref(t, model!.deployments[0]!.id));
  // A price book entry for the pricing operations that read or remove one by name.
  await w.gw.store.forTenant(t.id).pricing.putEntry("matrix-model", { input: 1, output: 1 });
}
