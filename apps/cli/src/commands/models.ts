import { UsageError } from "../cli-error.js";
import { COMMON_HELP, type CommandIo, parseCommandArgs } from "../command.js";
import { openCliStorage } from "../open-cli-storage.js";
import {
  MODEL_SETTING_OPTIONS,
  MODEL_SETTINGS_HELP,
  type ModelSettingValues,
} from "./model-setting-options.js";
import { listModels } from "./models-list.js";
import { DEPLOYMENT_OPTIONS, type DeploymentValues, routeModel, unrouteModel } from "./models-route.js";
import { addModel, setModel } from "./models-set.js";

export const MODELS_HELP = `Usage: gatehouse models <list|add|set|route|unroute|remove> [options]

  gatehouse models list [--json]
      Lists the models clients can ask for: aliases, limits, prices, capabilities, balancing, fallbacks,
      and each deployment (id, provider, upstream model, weight, priority).
  gatehouse models add NAME [model settings]
      Creates a model with no deployment yet (route it with models route). NAME may end in * to match a
      family (openai/* → any openai/<model>).
  gatehouse models set NAME [model settings]
      Changes a model's settings; running servers apply them within about a second.
  gatehouse models route NAME --provider P [--upstream-model U] [--weight W] [--priority N]
                          [--rpm N] [--tpm N] [--region R]
      Adds a deployment: NAME served by provider P as model U (default NAME; * on a wildcard model means
      the matched part). Lower priorities are tried first; weights share traffic within a priority.
  gatehouse models route NAME --deployment ID [--weight W] [--priority N] [--rpm N] [--tpm N] [--region R]
      Changes that deployment's balancing, limits or region (--rpm/--tpm/--region "none" clears).
  gatehouse models unroute NAME --deployment ID
      Removes a deployment (see models list for ids).
  gatehouse models remove NAME
      Removes the model and its deployments.

${MODEL_SETTINGS_HELP}
Deployment options (models route):
  --provider P          the provider's name (see gatehouse providers list)
  --upstream-model U    the model name sent upstream (default: NAME)
  --weight W            share of traffic within its priority group (default 1; 0 = only when alone)
  --priority N          lower is tried first (default 0)
  --rpm N, --tpm N      the deployment's requests and tokens per minute, when known
  --region R            where the deployment runs, e.g. eu-west-1
  --deployment ID       the deployment to change (route) or remove (unroute)
Options:
  --json                machine-readable output (list)
${COMMON_HELP}`;

const VERBS = ["list", "add", "set", "route", "unroute", "remove"] as const;
type Verb = (typeof VERBS)[number];

/** Each verb's options: `--json` is a flag of list but a yes/no setting of add and set. */
const VERB_OPTIONS = {
  list: { json: { type: "boolean" } },
  add: MODEL_SETTING_OPTIONS,
  set: MODEL_SETTING_OPTIONS,
  route: DEPLOYMENT_OPTIONS,
  unroute: { deployment: DEPLOYMENT_OPTIONS.deployment },
  remove: {},
} as const;

/** `gatehouse models ...` */
export async function modelsCommand(args: string[], io: CommandIo): Promise<number> {
  const verb = findVerb(args);
  if (verb === undefined) {
    const { values } = parseCommandArgs(args, { json: { type: "boolean" } });
    io.out(MODELS_HELP);
    return values.help ? 0 : 2;
  }
  if (!(VERBS as readonly string[]).includes(verb)) throw new UsageError(`unknown models command '${verb}'`);
  const v = verb as Verb;
  // Strict per verb: an option of another verb is a usage error, not a silent no-op.
  const { values, positionals } = parseCommandArgs(args, VERB_OPTIONS[v]) as {
    values: Record<string, string | boolean | undefined>;
    positionals: string[];
  };
  if (values.help) {
    io.out(MODELS_HELP);
    return 0;
  }
  const [, name, extra] = positionals;
  if (v !== "list" && !name) throw new UsageError(`models ${v} needs the model NAME`);
  if (extra !== undefined) throw new UsageError(`unexpected argument '${extra}'`);
  const s = await openCliStorage(io, values["data-dir"] as string | undefined);
  try {
    if (v === "list") return await listModels(s, io, values.json === true);
    if (v === "add") return await addModel(s, io, name!, values as ModelSettingValues);
    if (v === "set") return await setModel(s, io, name!, values as ModelSettingValues);
    if (v === "route") return await routeModel(s, io, name!, values as DeploymentValues);
    if (v === "unroute") return await unrouteModel(s, io, name!, values.deployment as string | undefined);
    const model = await s.store.models.findByName(s.tenant.id, name!);
    if (!model || !(await s.store.models.remove(s.tenant.id, model.id))) {
      io.err(`gatehouse: no model named '${name}'`);
      return 1;
    }
    io.out(`Removed model ${name} and its deployments.`);
    return 0;
  } finally {
    await s.store.close();
  }
}

/** The verb: the first positional, reading every option but `--json` and `-h` as taking a value. */
function findVerb(args: string[]): string | undefined {
  const withValue = new Set([
    "data-dir",
    ...Object.keys(MODEL_SETTING_OPTIONS),
    ...Object.keys(DEPLOYMENT_OPTIONS),
  ]);
  withValue.delete("json");
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") return args[i + 1];
    if (!a.startsWith("-")) return a;
    if (a.startsWith("--") && !a.includes("=") && withValue.has(a.slice(2))) i++;
  }
  return undefined;
}
