import type { Kysely } from "kysely";
import { assertInTenant } from "./assert-in-tenant.js";
import { assertModelNamesFree } from "./assert-model-names-free.js";
import type { DB, DeploymentsTable, ModelsTable } from "./database.js";
import { inTransaction } from "./in-transaction.js";
import { withModelSettingDefaults } from "./model-settings.js";
import { newId } from "./new-id.js";
import { removeAndBump } from "./remove-and-bump.js";
import type { RepoContext } from "./repo-context.js";
import { bumpScope } from "./revisions/bump-scope.js";
import { fromModelSettings, type ModelSettingsColumns, toDeployment, toModel } from "./row-mappers.js";
import type { Store } from "./store.js";
import type { DeploymentPatch, ModelPatch, ModelWithDeployments } from "./store-types.js";
import { paginate } from "./tenancy/paginate.js";
import { translateConstraintError } from "./translate-constraint-error.js";
import { validateDeploymentPatch, validateModelPatch } from "./validate-routing-settings.js";

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
      validateModelPatch(input);
      const model = withModelSettingDefaults(input);
      const row = {
        id: newId("mdl"),
        tenant_id: model.tenantId,
        name: model.name,
        input_price_per_mtok: model.inputPricePerMTok,
        output_price_per_mtok: model.outputPricePerMTok,
        context_window: model.contextWindow,
        max_output_tokens: model.maxOutputTokens,
        created_at: now(),
        ...(fromModelSettings(model) as ModelSettingsColumns),
      };
      try {
        await inTransaction(db, async (trx) => {
          await assertModelNamesFree(trx, model);
          await trx.insertInto("models").values(row).execute();
          await bumpScope(trx, model.tenantId, "catalog");
        });
      } catch (error) {
        throw translateConstraintError(error, `A model named '${input.name}' already exists.`);
      }
      return toModel(row);
    },
    async update(tenantId, id, patch) {
      validateModelPatch(patch);
      try {
        return await inTransaction(db, async (trx) => {
          const current = await trx
            .selectFrom("models")
            .selectAll()
            .where("tenant_id", "=", tenantId)
            .where("id", "=", id)
            .executeTakeFirst();
          if (!current) return undefined;
          const columns = modelColumns(patch);
          if (Object.keys(columns).length === 0) return toModel(current);
          const next = toModel({ ...current, ...columns });
          await assertModelNamesFree(trx, next, id);
          await trx.updateTable("models").set(columns).where("id", "=", id).execute();
          await bumpScope(trx, tenantId, "catalog");
          return next;
        });
      } catch (error) {
        throw translateConstraintError(error, `A model named '${patch.name}' already exists.`);
      }
    },
    async get(tenantId, id) {
      const row = await scoped(tenantId).where("id", "=", id).executeTakeFirst();
      return row && toModel(row);
    },
    async getWithDeployments(tenantId, id) {
      const row = await scoped(tenantId).where("id", "=", id).executeTakeFirst();
      if (row === undefined) return undefined;
      const deployments = await deploymentsQuery(db)
        .where("tenant_id", "=", tenantId)
        .where("model_id", "=", id)
        .execute();
      return withDeployments([row], deployments)[0];
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
    async listPage(tenantId, page) {
      const models = await paginate(
        scoped(tenantId),
        page,
        { at: "created_at", id: "id" },
        (r) => r,
        (r) => [Number(r.created_at), r.id],
      );
      const ids = models.items.map((m) => m.id);
      const deployments =
        ids.length === 0
          ? []
          : await deploymentsQuery(db)
              .where("tenant_id", "=", tenantId)
              .where("model_id", "in", ids)
              .execute();
      return { items: withDeployments(models.items, deployments), nextCursor: models.nextCursor };
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
        rpm: input.rpm ?? null,
        tpm: input.tpm ?? null,
        region: input.region ?? null,
      };
      validateDeploymentPatch(input);
      try {
        await inTransaction(db, async (trx) => {
          await assertInTenant(trx, "models", tenantId, input.modelId, "model");
          await assertInTenant(trx, "providers", tenantId, input.providerId, "provider");
          await trx.insertInto("deployments").values(row).execute();
          await bumpScope(trx, tenantId, "catalog");
        });
      } catch (error) {
        throw translateConstraintError(error, "The deployment already exists.");
      }
      return toDeployment(row);
    },
    async setDeployment(tenantId, id, patch) {
      validateDeploymentPatch(patch);
      const columns = deploymentColumns(patch);
      return inTransaction(db, async (trx) => {
        const scopedRow = trx
          .selectFrom("deployments")
          .selectAll()
          .where("tenant_id", "=", tenantId)
          .where("id", "=", id);
        if (Object.keys(columns).length === 0) {
          const row = await scopedRow.executeTakeFirst();
          return row && toDeployment(row);
        }
        const result = await trx
          .updateTable("deployments")
          .set(columns)
          .where("tenant_id", "=", tenantId)
          .where("id", "=", id)
          .executeTakeFirst();
        if (result.numUpdatedRows === 0n) return undefined;
        await bumpScope(trx, tenantId, "catalog");
        const row = await scopedRow.executeTakeFirstOrThrow();
        return toDeployment(row);
      });
    },
    async removeDeployment(tenantId, id) {
      return removeAndBump(db, "deployments", tenantId, id);
    },
  };
}

/** The columns a model patch changes; keys absent from the patch are absent here. */
function modelColumns(patch: ModelPatch): Partial<ModelsTable> {
  const columns: Partial<ModelsTable> = fromModelSettings(patch);
  if (patch.name !== undefined) columns.name = patch.name;
  if (patch.inputPricePerMTok !== undefined) columns.input_price_per_mtok = patch.inputPricePerMTok;
  if (patch.outputPricePerMTok !== undefined) columns.output_price_per_mtok = patch.outputPricePerMTok;
  if (patch.contextWindow !== undefined) columns.context_window = patch.contextWindow;
  if (patch.maxOutputTokens !== undefined) columns.max_output_tokens = patch.maxOutputTokens;
  return columns;
}

/** The columns a deployment patch changes. */
function deploymentColumns(patch: DeploymentPatch): Partial<DeploymentsTable> {
  const columns: Partial<DeploymentsTable> = {};
  for (const key of ["weight", "priority", "rpm", "tpm", "region"] as const) {
    if (patch[key] !== undefined) (columns as Record<string, unknown>)[key] = patch[key];
  }
  return columns;
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
