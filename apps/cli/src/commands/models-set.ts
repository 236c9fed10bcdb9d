import type { Model, ModelPatch } from "@gatehouse/server";
import { UsageError } from "../cli-error.js";
import type { CommandIo } from "../command.js";
import type { CliStorage } from "../open-cli-storage.js";
import { type ModelSettingValues, modelPatchFromOptions } from "./model-setting-options.js";

/**
 * `gatehouse models add NAME [settings]`: a model with no deployment yet, priced at zero unless
 * --input-price/--output-price say otherwise.
 */
export async function addModel(s: CliStorage, io: CommandIo, name: string, values: ModelSettingValues) {
  const patch = modelPatchFromOptions(values);
  const model = await s.store.models.create({
    tenantId: s.tenant.id,
    name,
    inputPricePerMTok: 0,
    outputPricePerMTok: 0,
    contextWindow: null,
    maxOutputTokens: null,
    ...patch,
  });
  io.out(
    `Added model ${model.name} (${model.id}). Route it with: gatehouse models route ${model.name} --provider P`,
  );
  await warnUnknownFallbacks(s, io, patch);
  return 0;
}

/** `gatehouse models set NAME [settings]`: changes only the settings given. */
export async function setModel(s: CliStorage, io: CommandIo, name: string, values: ModelSettingValues) {
  const current = await s.store.models.findByName(s.tenant.id, name);
  if (!current) {
    io.err(`gatehouse: no model named '${name}' (create it with gatehouse models add ${name})`);
    return 1;
  }
  const patch = modelPatchFromOptions(values, current);
  if (Object.keys(patch).length === 0)
    throw new UsageError("models set needs at least one setting to change");
  const updated = (await s.store.models.update(s.tenant.id, current.id, patch)) as Model;
  io.out(`Updated model ${updated.name}: ${Object.keys(patch).join(", ")}.`);
  await warnUnknownFallbacks(s, io, patch);
  return 0;
}

/** Fallbacks may name models created later, so an unknown one is a warning, not an error. */
async function warnUnknownFallbacks(s: CliStorage, io: CommandIo, patch: ModelPatch): Promise<void> {
  const named = [
    ...(patch.fallbackModels ?? []),
    ...(patch.contextFallbackModel ? [patch.contextFallbackModel] : []),
  ];
  if (named.length === 0) return;
  const known = new Set<string>();
  for (const m of await s.store.models.list(s.tenant.id))
    for (const n of [m.name, ...m.aliases]) known.add(n);
  for (const n of named) {
    if (!known.has(n))
      io.err(`gatehouse: warning: no model named '${n}' yet; it is skipped as a fallback until one exists`);
  }
}
