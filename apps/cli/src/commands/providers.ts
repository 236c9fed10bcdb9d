import {
  type Provider,
  type ProviderKind,
  registerProvider,
  SUPPORTED_PROVIDER_KINDS,
} from "@gatehouse/server";
import { UsageError } from "../cli-error.js";
import { COMMON_HELP, type CommandIo, parseCommandArgs, verbOf } from "../command.js";
import { formatTable, formatTime } from "../format-table.js";
import { openCliStorage } from "../open-cli-storage.js";
import {
  PROVIDER_SETTING_OPTIONS,
  PROVIDER_SETTINGS_HELP,
  providerSettings,
  responsesApiConfig,
} from "./provider-settings.js";

export const PROVIDERS_HELP = `Usage: gatehouse providers <add|update|show|list|remove> [options]

  gatehouse providers add NAME --base-url URL [--kind openai] [--api-key-env VAR | --api-key KEY]
                          [--models m1,m2] [--wildcard] [kind options below]
      Adds an upstream provider. Its key is encrypted at rest. Models listed with --models are created
      (or given a new deployment) routed to this provider; --wildcard also routes NAME/<any model>.
  gatehouse providers update NAME [--responses-api | --no-responses-api]
      Changes an existing provider's settings (the other config keys are kept).
  gatehouse providers show NAME [--json]
      One provider: kind, base URL, whether a key is set, its non-secret config.
  gatehouse providers list [--json]
  gatehouse providers remove NAME
      Removes the provider and its deployments.

Options:
  --kind KIND        ${SUPPORTED_PROVIDER_KINDS.join(", ")} (default: openai, for any OpenAI-compatible API)
  --base-url URL     the API base, e.g. https://api.openai.com/v1
  --api-key-env VAR  read the provider key from this environment variable (keeps it out of shell history)
  --api-key KEY      the provider key itself
  --models LIST      comma-separated model names served by this provider
  --wildcard         also create the model NAME/* (NAME/gpt-4o → gpt-4o on this provider)
  --json             machine-readable output
${PROVIDER_SETTINGS_HELP}
${COMMON_HELP}`;

/** `gatehouse providers ...` */
export async function providersCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    kind: { type: "string" },
    "base-url": { type: "string" },
    "api-key": { type: "string" },
    "api-key-env": { type: "string" },
    models: { type: "string" },
    wildcard: { type: "boolean" },
    json: { type: "boolean" },
    ...PROVIDER_SETTING_OPTIONS,
  });
  const [verbArg, name] = positionals;
  const verb = verbOf(
    io,
    { noun: "providers", help: PROVIDERS_HELP, verbs: ["add", "update", "show", "list", "remove"] },
    verbArg,
    values.help,
  );
  if (typeof verb === "number") return verb;
  if (verb !== "list" && !name) throw new UsageError(`providers ${verb} needs the provider NAME`);
  const kind = (values.kind ?? "openai") as ProviderKind;
  // Bedrock and Vertex endpoints follow from --region and --location.
  const derivable = (kind === "bedrock" && values.region) || (kind === "vertex" && values.location);
  if (verb === "add" && !values["base-url"] && !derivable) {
    throw new UsageError("providers add needs --base-url URL");
  }
  const apiKey = values["api-key-env"] !== undefined ? io.env[values["api-key-env"]] : values["api-key"];
  if (values["api-key-env"] !== undefined && !apiKey)
    throw new UsageError(`environment variable ${values["api-key-env"]} is not set`);
  const settings = verb === "add" ? providerSettings(kind, values, io.env) : {};
  const s = await openCliStorage(io, values["data-dir"]);
  try {
    if (verb === "add") {
      const models = (values.models ?? "")
        .split(",")
        .map((m) => m.trim())
        .filter(Boolean);
      const r = await registerProvider(s.store, s.credentialVault, {
        tenantId: s.tenant.id,
        name: name!,
        kind,
        baseUrl: values["base-url"],
        apiKey,
        ...settings,
        models,
        wildcard: values.wildcard === true,
      });
      io.out(
        `Added provider ${r.provider.name} (${r.provider.id}); models: ${r.models.map((m) => m.name).join(", ") || "none"}.`,
      );
      return 0;
    }
    if (verb === "list") {
      const rows = (await s.store.providers.list(s.tenant.id)).map(providerRow);
      if (values.json) io.out(JSON.stringify(rows));
      else io.out(providersTable(rows));
      return 0;
    }
    const provider = await s.store.providers.findByName(s.tenant.id, name!);
    if (provider && verb === "show") {
      io.out(values.json ? JSON.stringify(providerRow(provider)) : providersTable([providerRow(provider)]));
      return 0;
    }
    if (provider && verb === "update") {
      if (values["responses-api"] || values["no-responses-api"]) {
        if (provider.kind !== "openai") throw new UsageError("--responses-api applies to --kind openai");
      } else
        throw new UsageError(
          "providers update needs a setting to change: --responses-api or --no-responses-api",
        );
      const config = responsesApiConfig(provider.config, values);
      await s.store.providers.update(s.tenant.id, provider.id, { config });
      io.out(`Updated provider ${provider.name}; config: ${formatConfig(config)}.`);
      return 0;
    }
    if (!provider || !(await s.store.providers.remove(s.tenant.id, provider.id))) {
      io.err(`gatehouse: no provider named '${name}'`);
      return 1;
    }
    io.out(`Removed provider ${name}.`);
    return 0;
  } finally {
    await s.store.close();
  }
}

/** What `list` and `show` print of a provider: never its credentials, only whether it has some. */
function providerRow(p: Provider) {
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    baseUrl: p.baseUrl,
    hasKey: p.credentials !== null,
    config: p.config,
    createdAt: p.createdAt,
  };
}

function providersTable(rows: ReturnType<typeof providerRow>[]): string {
  return formatTable(
    ["ID", "NAME", "KIND", "BASE URL", "KEY", "CONFIG", "CREATED"],
    rows.map((p) => [
      p.id,
      p.name,
      p.kind,
      p.baseUrl,
      p.hasKey ? "set" : "none",
      formatConfig(p.config),
      formatTime(p.createdAt),
    ]),
  );
}

/** A provider's non-secret config as `key=value` pairs, or "-" when empty. */
function formatConfig(config: Record<string, unknown>): string {
  const pairs = Object.entries(config).map(
    ([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`,
  );
  return pairs.length === 0 ? "-" : pairs.join(" ");
}
