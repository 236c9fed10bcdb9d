import type { Kysely } from "kysely";
import { assertInTenant } from "./assert-in-tenant.js";
import type { DB, DeploymentsTable, ModelsTable } from "./database.js";
import { newId } from "./new-id.js";
import { removeAndBump } from "./remove-and-bump.js";
import type { RepoContext } from "./repo-context.js";
import { bumpRevision } from "./revision-counter.js";
import { toDeployment, toModel } from "./row-mappers.js";
import type { Store } from "./store.js";
import type { ModelWithDeployments } from "./store-types.js";
import { translateConstraintError } from "./translate-constraint-error.js";

/**
 * The model catalog repository: models with prices, and the deployments that route each model to a
 * provider. Every change bumps the configuration revision, which rebuilds the routing snapshot.
 *
 * @example
 * const catalog = await createModelsRepo(ctx).listAll();
 */
export function createModelsRepo({ db, now }: RepoContext): Store["models"] {
  const scoped = (tenantId: string) => db.selectFrom("models").selectAll().where("tenant_id", "=", tenantId);
  return {
    async create(input) {
      const row = {
        id: newId("mdl"),
        tenant_id: input.tenantId,
        name: input.name,
        input_price_per_mtok: input.inputPricePerMTok,
        output_price_per_mtok: input.outputPricePerMTok,
        context_window: input.contextWindow,
        max_output_tokens: input.maxOutputTokens,
        created_at: now(),
      };
      try {
        await db.transaction().execute(async (trx) => {
          await trx.insertInto("models").values(row).execute();
          await bumpRevision(trx);
        });
      } catch (error) {
        throw translateConstraintError(error, `A model named '${input.name}' already exists.`);
      }
      return toModel(row);
    },
    async get(tenantId, id) {
      const row = await scoped(tenantId).where("id", "=", id).executeTakeFirst();
      return row && toModel(row);
    },
    async findByName(tenantId, name) {
      const row = await scoped(tenantId).where("name", "=", name).executeTakeFirst();
      return row && toModel(row);
    },
    async list(tenantId) {
      const models = await scoped(tenantId).orderBy("name").execute();
      const deployments = await deploymentsQuery(db).where("tenant_id", "=", tenantId).execute();
      return withDeployments(models, deployments);
    },
    async listAll() {
      const models = await db.selectFrom("models").selectAll().orderBy("tenant_id").orderBy("name").execute();
      const deployments = await deploymentsQuery(db).execute();
      return withDeployments(models, deployments);
    },
    async remove(tenantId, id) {
      return removeAndBump(db, "models", tenantId, id);
    },
    async addDeployment(tenantId, input) {
      const row = {
        id: newId("dep"),
        tenant_id: tenantId,
        model_id: input.modelId,
        provider_id: input.providerId,
        upstream_model: input.upstreamModel,
        weight: input.weight,
        priority: input.priority,
        created_at: now(),
      };
      try {
        await db.transaction().execute(async (trx) => {
          await assertInTenant(trx, "models", tenantId, input.modelId, "model");
          await assertInTenant(trx, "providers", tenantId, input.providerId, "provider");
          await trx.insertInto("deployments").values(row).execute();
          await bumpRevision(trx);
        });
      } catch (error) {
        throw translateConstraintError(error, "The deployment already exists.");
      }
      return toDeployment(row);
    },
    async removeDeployment(tenantId, id) {
      return removeAndBump(db, "deployments", tenantId, id);
    },
  };
}

/** Deployments in routing order: lower priority value first, then oldest first. */
function deploymentsQuery(db: Kysely<DB>) {
  return db.selectFrom("deployments").selectAll().orderBy("priority").orderBy("created_at").orderBy("id");
}

function withDeployments(models: ModelsTable[], deployments: DeploymentsTable[]): ModelWithDeployments[] {
  const byModel = new Map<string, ModelWithDeployments>();
  for (const row of models) byModel.set(row.id, { ...toModel(row), deployments: [] });
  for (const row of deployments) byModel.get(row.model_id)?.deployments.push(toDeployment(row));
  return [...byModel.values()];
}
