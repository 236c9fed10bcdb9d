import { GatewayError } from "@gatehouse/protocol";
import type { Kysely } from "kysely";
import type { DB } from "./database.js";
import type { Model } from "./store-types.js";

/**
 * Checks a model's names against the rest of its tenant inside the writing transaction: no name or alias
 * may be another model's name or alias (a public name must resolve to one model), an alias must not
 * repeat the model's own name, a wildcard model takes no aliases (an alias names one upstream model),
 * and no fallback may name the model itself. Throws `conflict` for a name taken, `invalid_request`
 * for the rest.
 *
 * The unique (tenant, name) index still guards names against concurrent writers; aliases, stored as JSON,
 * are checked here only, so two writers racing to claim one alias could both succeed — the catalog then
 * resolves it deterministically (exact names before aliases, the first model by name among aliases).
 *
 * @example
 * await assertModelNamesFree(trx, { ...current, ...patch }, current.id);
 */
export async function assertModelNamesFree(
  db: Kysely<DB>,
  model: Pick<Model, "tenantId" | "name" | "aliases" | "fallbackModels" | "contextFallbackModel">,
  exceptId?: string,
): Promise<void> {
  if (model.aliases.length > 0 && model.name.endsWith("*"))
    throw invalid("aliases", `The wildcard model '${model.name}' cannot have aliases.`);
  if (model.aliases.includes(model.name))
    throw invalid("aliases", `'${model.name}' is the model's own name, not an alias.`);
  const own = new Set([model.name, ...model.aliases]);
  for (const fallback of [...model.fallbackModels, model.contextFallbackModel]) {
    if (fallback !== null && own.has(fallback))
      throw invalid("fallbackModels", `The model '${model.name}' cannot fall back to itself.`);
  }
  let query = db
    .selectFrom("models")
    .select(["id", "name", "aliases"])
    .where("tenant_id", "=", model.tenantId);
  if (exceptId !== undefined) query = query.where("id", "<>", exceptId);
  for (const other of await query.execute()) {
    for (const taken of [other.name, ...(JSON.parse(other.aliases) as string[])]) {
      if (own.has(taken)) {
        throw new GatewayError(
          "conflict",
          `The name '${taken}' is already used by the model '${other.name}'.`,
          {
            param: "name",
          },
        );
      }
    }
  }
}

function invalid(param: string, message: string): GatewayError {
  return new GatewayError("invalid_request", message, { param });
}
