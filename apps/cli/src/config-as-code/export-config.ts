import { Document, isPair, isScalar, visit } from "yaml";
import { formatUsd } from "../format-usd.js";
import {
  CREDENTIAL_FIELDS,
  type DeploymentSpec,
  type GatehouseConfig,
  type ModelSpec,
  PROVIDER_SETTINGS,
  type ProviderSpec,
} from "./config-schema.js";

/** Maps written on one line, by the key they are the value of. */
const INLINE_MAPS = new Set<string>([...CREDENTIAL_FIELDS, "prices", "capabilities", "timeouts"]);

/**
 * A configuration as a `gatehouse.yaml` text that parses back to the same configuration: settings at
 * their defaults are left out, prices are written as exact decimal strings ("2.50"), and credentials
 * stay references to environment variables (the placeholders readCurrentState gives), listed in a
 * header comment, since secrets are never exported.
 *
 * @example
 * writeFileSync("gatehouse.yaml", exportConfig((await readCurrentState(store, vault, tenantId)).config));
 */
export function exportConfig(config: GatehouseConfig): string {
  const doc = new Document({
    version: 1,
    workspaces: config.workspaces.map((w) => ({ name: w.name })),
    providers: config.providers.map(providerEntry),
    models: config.models.map(modelEntry),
  });
  const variables = config.providers.flatMap((p) =>
    CREDENTIAL_FIELDS.flatMap((f) => (p.credentials[f] ? [p.credentials[f].env] : [])),
  );
  doc.commentBefore = [
    " Gatehouse configuration: gatehouse apply -f FILE [--dry-run] [--prune]",
    ...(variables.length === 0
      ? []
      : [
          " Secrets are not exported. Set these environment variables before applying:",
          ...variables.map((v) => `   ${v}`),
        ]),
  ].join("\n");
  // Short values read best on one line: { env: VAR }, prices, capabilities, timeouts, lists of names.
  visit(doc, {
    Map(_key, node, path) {
      const parent = path.at(-1);
      const key = isPair(parent) && isScalar(parent.key) ? String(parent.key.value) : "";
      if (INLINE_MAPS.has(key)) node.flow = true;
    },
    Seq(_key, node) {
      if (node.items.every((item) => isScalar(item))) node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0 });
}

function providerEntry(p: ProviderSpec): Record<string, unknown> {
  const entry: Record<string, unknown> = { name: p.name, kind: p.kind };
  if (p.baseUrl !== undefined) entry.baseUrl = p.baseUrl;
  for (const s of PROVIDER_SETTINGS) if (p[s] !== undefined) entry[s] = p[s];
  if (Object.keys(p.config).length > 0) entry.config = p.config;
  const credentials = Object.fromEntries(
    CREDENTIAL_FIELDS.flatMap((f) => (p.credentials[f] ? [[f, { env: p.credentials[f].env }]] : [])),
  );
  if (Object.keys(credentials).length > 0) entry.credentials = credentials;
  return entry;
}

function modelEntry(m: ModelSpec): Record<string, unknown> {
  const entry: Record<string, unknown> = { name: m.name };
  if (m.aliases.length > 0) entry.aliases = m.aliases;
  entry.prices = { input: formatUsd(m.prices.input), output: formatUsd(m.prices.output) };
  if (m.contextWindow !== null) entry.contextWindow = m.contextWindow;
  if (m.maxOutputTokens !== null) entry.maxOutputTokens = m.maxOutputTokens;
  const capabilities = defined(m.capabilities);
  if (Object.keys(capabilities).length > 0) entry.capabilities = capabilities;
  if (m.unsupportedParams !== "drop") entry.unsupportedParams = m.unsupportedParams;
  if (m.strategy !== "weighted_random") entry.strategy = m.strategy;
  if (m.fallbacks.length > 0) entry.fallbacks = m.fallbacks;
  if (m.contextFallback !== null) entry.contextFallback = m.contextFallback;
  if (m.contentFilterFallback) entry.contentFilterFallback = true;
  const timeouts = defined(m.timeouts);
  if (Object.keys(timeouts).length > 0) entry.timeouts = timeouts;
  if (m.deployments.length > 0) entry.deployments = m.deployments.map(deploymentEntry);
  return entry;
}

function deploymentEntry(d: DeploymentSpec): Record<string, unknown> {
  const entry: Record<string, unknown> = { provider: d.provider, upstreamModel: d.upstreamModel };
  if (d.weight !== 1) entry.weight = d.weight;
  if (d.priority !== 0) entry.priority = d.priority;
  if (d.rpm !== null) entry.rpm = d.rpm;
  if (d.tpm !== null) entry.tpm = d.tpm;
  if (d.region !== null) entry.region = d.region;
  return entry;
}

/** The keys with a value (yaml would write an undefined one as null). */
function defined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
