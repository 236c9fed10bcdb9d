import type { ModelWithDeployments } from "@gatehouse/server";
import type { CommandIo } from "../command.js";
import { formatTable } from "../format-table.js";
import { formatUsd } from "../format-usd.js";
import type { CliStorage } from "../open-cli-storage.js";

/** `gatehouse models list [--json]`: every model of the tenant with its settings and deployments. */
export async function listModels(s: CliStorage, io: CommandIo, json: boolean): Promise<number> {
  const [models, providers] = await Promise.all([
    s.store.models.list(s.tenant.id),
    s.store.providers.list(s.tenant.id),
  ]);
  const names = new Map(providers.map((p) => [p.id, p.name]));
  const rows = models.map((m) => modelRow(m, names));
  if (json) {
    io.out(JSON.stringify(rows));
    return 0;
  }
  io.out(
    formatTable(
      ["ID", "NAME", "ALIASES", "CONTEXT", "MAX OUT", "$/M IN/OUT", "CAPABILITIES", "ROUTING", "DEPLOYMENTS"],
      rows.map((m) => [
        m.id,
        m.name,
        m.aliases.join(",") || "-",
        m.contextWindow === null ? "-" : String(m.contextWindow),
        m.maxOutputTokens === null ? "-" : String(m.maxOutputTokens),
        `${formatUsd(m.inputPricePerMTok)}/${formatUsd(m.outputPricePerMTok)}`,
        capabilitiesText(m.capabilities),
        routingText(m),
        m.deployments
          .map(
            (d) => `${d.provider}:${d.upstreamModel} (${d.id} w${d.weight} p${d.priority}${limitsText(d)})`,
          )
          .join(", ") || "none",
      ]),
    ),
  );
  return 0;
}

type DeploymentRow = ReturnType<typeof modelRow>["deployments"][number];

/** The JSON shape: the model's settings, and its deployments with the provider's name. */
function modelRow(m: ModelWithDeployments, providerNames: Map<string, string>) {
  return {
    id: m.id,
    name: m.name,
    aliases: m.aliases,
    contextWindow: m.contextWindow,
    maxOutputTokens: m.maxOutputTokens,
    inputPricePerMTok: m.inputPricePerMTok,
    outputPricePerMTok: m.outputPricePerMTok,
    capabilities: m.capabilities,
    unsupportedParams: m.unsupportedParams,
    balanceStrategy: m.balanceStrategy,
    fallbackModels: m.fallbackModels,
    contextFallbackModel: m.contextFallbackModel,
    contentFilterFallback: m.contentFilterFallback,
    timeouts: m.timeouts,
    deployments: m.deployments.map((d) => ({
      id: d.id,
      provider: providerNames.get(d.providerId) ?? d.providerId,
      upstreamModel: d.upstreamModel,
      weight: d.weight,
      priority: d.priority,
      rpm: d.rpm,
      tpm: d.tpm,
      region: d.region,
    })),
  };
}

function capabilitiesText(caps: ModelWithDeployments["capabilities"]): string {
  const parts = Object.entries(caps).map(([k, v]) => `${k}:${v ? "yes" : "no"}`);
  return parts.join(" ") || "-";
}

/** Only what differs from the defaults, so a plain model reads "-". */
function routingText(m: ReturnType<typeof modelRow>): string {
  const parts: string[] = [];
  if (m.balanceStrategy !== "weighted_random") parts.push(m.balanceStrategy);
  if (m.unsupportedParams !== "drop") parts.push(`unsupported:${m.unsupportedParams}`);
  if (m.fallbackModels.length > 0) parts.push(`fallbacks:${m.fallbackModels.join(",")}`);
  if (m.contextFallbackModel !== null) parts.push(`context-fallback:${m.contextFallbackModel}`);
  if (m.contentFilterFallback) parts.push("content-filter-fallback");
  if (m.timeouts.totalMs !== undefined) parts.push(`timeout:${m.timeouts.totalMs}ms`);
  if (m.timeouts.firstByteMs !== undefined) parts.push(`first-byte:${m.timeouts.firstByteMs}ms`);
  return parts.join(" ") || "-";
}

function limitsText(d: DeploymentRow): string {
  let s = "";
  if (d.rpm !== null) s += ` rpm${d.rpm}`;
  if (d.tpm !== null) s += ` tpm${d.tpm}`;
  if (d.region !== null) s += ` ${d.region}`;
  return s;
}
