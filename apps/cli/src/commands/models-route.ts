import type { DeploymentPatch } from "@gatehouse/server";
import { UsageError } from "../cli-error.js";
import type { CommandIo } from "../command.js";
import type { CliStorage } from "../open-cli-storage.js";
import { positiveInt } from "./model-setting-options.js";

/** The options of `models route` and `models unroute`. */
export const DEPLOYMENT_OPTIONS = {
  provider: { type: "string" },
  "upstream-model": { type: "string" },
  weight: { type: "string" },
  priority: { type: "string" },
  rpm: { type: "string" },
  tpm: { type: "string" },
  region: { type: "string" },
  deployment: { type: "string" },
} as const;

export type DeploymentValues = { [K in keyof typeof DEPLOYMENT_OPTIONS]?: string };

/**
 * `gatehouse models route NAME --provider P ...` adds a deployment; with `--deployment ID` it changes
 * that deployment's weight, priority, rpm, tpm or region instead.
 */
export async function routeModel(
  s: CliStorage,
  io: CommandIo,
  name: string,
  values: DeploymentValues,
): Promise<number> {
  const patch = deploymentPatch(values);
  const model = (await s.store.models.list(s.tenant.id)).find((m) => m.name === name);
  if (!model) {
    io.err(`gatehouse: no model named '${name}' (create it with gatehouse models add ${name})`);
    return 1;
  }
  if (values.deployment !== undefined) {
    if (values.provider !== undefined || values["upstream-model"] !== undefined)
      throw new UsageError(
        "--provider and --upstream-model add a deployment; they do not go with --deployment",
      );
    if (Object.keys(patch).length === 0)
      throw new UsageError("models route --deployment needs --weight, --priority, --rpm, --tpm or --region");
    if (!model.deployments.some((d) => d.id === values.deployment)) {
      io.err(
        `gatehouse: model '${name}' has no deployment '${values.deployment}' (see gatehouse models list)`,
      );
      return 1;
    }
    await s.store.models.setDeployment(s.tenant.id, values.deployment, patch);
    io.out(`Updated deployment ${values.deployment} of ${name}: ${Object.keys(patch).join(", ")}.`);
    return 0;
  }
  if (!values.provider)
    throw new UsageError("models route needs --provider P (or --deployment ID to change one)");
  const provider = await s.store.providers.findByName(s.tenant.id, values.provider);
  if (!provider) {
    io.err(`gatehouse: no provider named '${values.provider}' (see gatehouse providers list)`);
    return 1;
  }
  const deployment = await s.store.models.addDeployment(s.tenant.id, {
    modelId: model.id,
    providerId: provider.id,
    upstreamModel: values["upstream-model"] ?? name,
    weight: 1,
    priority: 0,
    ...patch,
  });
  io.out(
    `Routed ${name} to ${provider.name} as ${deployment.upstreamModel} (${deployment.id}, weight ${deployment.weight}, priority ${deployment.priority}).`,
  );
  return 0;
}

/** `gatehouse models unroute NAME --deployment ID` */
export async function unrouteModel(
  s: CliStorage,
  io: CommandIo,
  name: string,
  deploymentId: string | undefined,
): Promise<number> {
  if (!deploymentId) throw new UsageError("models unroute needs --deployment ID (see gatehouse models list)");
  const model = (await s.store.models.list(s.tenant.id)).find((m) => m.name === name);
  if (!model?.deployments.some((d) => d.id === deploymentId)) {
    io.err(`gatehouse: model '${name}' has no deployment '${deploymentId}' (see gatehouse models list)`);
    return 1;
  }
  await s.store.models.removeDeployment(s.tenant.id, deploymentId);
  io.out(`Removed deployment ${deploymentId} of ${name}.`);
  return 0;
}

function deploymentPatch(values: DeploymentValues): DeploymentPatch {
  const patch: DeploymentPatch = {};
  if (values.weight !== undefined) patch.weight = positiveInt(values.weight, "weight", true);
  if (values.priority !== undefined) {
    const p = values.priority.trim();
    if (!/^-?\d{1,9}$/.test(p))
      throw new UsageError(`--priority must be an integer, not '${values.priority}'`);
    patch.priority = Number(p);
  }
  if (values.rpm !== undefined) patch.rpm = values.rpm === "none" ? null : positiveInt(values.rpm, "rpm");
  if (values.tpm !== undefined) patch.tpm = values.tpm === "none" ? null : positiveInt(values.tpm, "tpm");
  if (values.region !== undefined)
    patch.region = values.region === "none" || values.region === "" ? null : values.region;
  return patch;
}
