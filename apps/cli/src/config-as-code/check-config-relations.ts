import type { ProviderKind } from "@gatehouse/server";
import { CREDENTIAL_FIELDS, LITERAL_SECRET_MESSAGE, PROVIDER_SETTINGS } from "./config-schema.js";

/** A problem at a path of the file's data, before it is turned into a line and column. */
export interface PathIssue {
  path: (string | number)[];
  message: string;
}

/** Which kind each setting and credential belongs to (as `providers add` refuses them elsewhere). */
const KIND_OF: Record<string, ProviderKind> = {
  region: "bedrock",
  accessKeyId: "bedrock",
  secretAccessKey: "bedrock",
  sessionToken: "bedrock",
  apiVersion: "azure",
  project: "vertex",
  location: "vertex",
  serviceAccountJson: "vertex",
};

/** Keys of a provider's free-form config that can only be secrets: they belong in credentials. */
const SECRET_LIKE = /api[-_]?key|secret|password|passwd|access[-_]?key|session[-_]?token|^token$|credential/i;

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === "object" && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/**
 * The checks that span entries, run on the file's raw data (so they are reported together with the
 * schema's errors, not only once those are fixed): duplicate names, deployments naming a provider the
 * file does not declare, settings and credentials of another kind, a missing base URL, secrets in the
 * free-form config, a wildcard model with aliases, and a model falling back to itself (or its aliases).
 *
 * @example
 * checkConfigRelations({ providers: [{ name: "a" }, { name: "a" }] }); // [{ path: ["providers", 1, "name"], ... }]
 */
export function checkConfigRelations(raw: unknown): PathIssue[] {
  if (!isObject(raw)) return [];
  return [
    ...duplicates(list(raw.workspaces), "workspaces", "workspace"),
    ...duplicates(list(raw.providers), "providers", "provider"),
    ...list(raw.providers).flatMap((p, i) => (isObject(p) ? providerIssues(p, ["providers", i]) : [])),
    ...modelNameIssues(list(raw.models)),
    ...list(raw.models).flatMap((m, i) => (isObject(m) ? modelIssues(m, i, providerNames(raw)) : [])),
  ];
}

function providerNames(raw: Raw): Set<string> {
  return new Set(list(raw.providers).flatMap((p) => (isObject(p) && text(p.name) ? [p.name as string] : [])));
}

function duplicates(items: unknown[], key: string, what: string): PathIssue[] {
  const seen = new Set<string>();
  const issues: PathIssue[] = [];
  items.forEach((item, i) => {
    const name = isObject(item) ? text(item.name) : undefined;
    if (name === undefined) return;
    if (seen.has(name))
      issues.push({ path: [key, i, "name"], message: `${what} '${name}' is declared twice` });
    seen.add(name);
  });
  return issues;
}

function providerIssues(p: Raw, at: (string | number)[]): PathIssue[] {
  const kind = text(p.kind);
  if (kind === undefined) return [];
  const issues: PathIssue[] = [];
  for (const s of PROVIDER_SETTINGS) {
    if (p[s] !== undefined && KIND_OF[s] !== kind)
      issues.push({ path: [...at, s], message: `applies to kind ${KIND_OF[s]}, not ${kind}` });
  }
  const creds = isObject(p.credentials) ? p.credentials : {};
  for (const f of CREDENTIAL_FIELDS) {
    const owner = KIND_OF[f];
    if (creds[f] !== undefined && owner !== undefined && owner !== kind)
      issues.push({ path: [...at, "credentials", f], message: `applies to kind ${owner}, not ${kind}` });
  }
  if ((creds.accessKeyId === undefined) !== (creds.secretAccessKey === undefined)) {
    const given = creds.accessKeyId === undefined ? "secretAccessKey" : "accessKeyId";
    issues.push({
      path: [...at, "credentials", given],
      message: "accessKeyId and secretAccessKey go together",
    });
  }
  const derivable = (kind === "bedrock" && p.region) || (kind === "vertex" && p.location);
  if (p.baseUrl === undefined && !derivable) {
    const hint = kind === "bedrock" ? " (or region)" : kind === "vertex" ? " (or location)" : "";
    issues.push({ path: at, message: `needs baseUrl${hint}` });
  }
  if (isObject(p.config)) {
    for (const key of Object.keys(p.config)) {
      if ((PROVIDER_SETTINGS as readonly string[]).includes(key))
        issues.push({ path: [...at, "config", key], message: `write ${key} beside kind, not under config` });
      else if (SECRET_LIKE.test(key))
        issues.push({ path: [...at, "config", key], message: `${LITERAL_SECRET_MESSAGE} under credentials` });
    }
  }
  return issues;
}

/** Names and aliases share one namespace in a tenant: each may be used once across all models. */
function modelNameIssues(models: unknown[]): PathIssue[] {
  const owner = new Map<string, number>();
  const issues: PathIssue[] = [];
  const claim = (name: unknown, model: number, path: (string | number)[]) => {
    if (typeof name !== "string") return;
    const first = owner.get(name);
    if (first === undefined) owner.set(name, model);
    else
      issues.push({
        path,
        message:
          first === model
            ? `'${name}' is listed twice for this model`
            : `'${name}' is already the name or an alias of models[${first}]`,
      });
  };
  models.forEach((m, i) => {
    if (!isObject(m)) return;
    claim(m.name, i, ["models", i, "name"]);
    list(m.aliases).forEach((a, j) => {
      claim(a, i, ["models", i, "aliases", j]);
    });
  });
  return issues;
}

function modelIssues(m: Raw, i: number, providers: Set<string>): PathIssue[] {
  const issues: PathIssue[] = [];
  const name = text(m.name);
  if (name?.endsWith("*") && list(m.aliases).length > 0)
    issues.push({ path: ["models", i, "aliases"], message: "a wildcard model cannot have aliases" });
  const own = new Set([name, ...list(m.aliases)]);
  list(m.fallbacks).forEach((f, j) => {
    if (own.has(f))
      issues.push({ path: ["models", i, "fallbacks", j], message: "a model cannot fall back to itself" });
  });
  if (m.contextFallback != null && own.has(m.contextFallback))
    issues.push({ path: ["models", i, "contextFallback"], message: "a model cannot fall back to itself" });
  const seen = new Set<string>();
  list(m.deployments).forEach((d, j) => {
    if (!isObject(d)) return;
    const provider = text(d.provider);
    if (provider !== undefined && !providers.has(provider))
      issues.push({
        path: ["models", i, "deployments", j, "provider"],
        message: `no provider named '${provider}' in this file`,
      });
    const key = `${provider}\u0000${text(d.upstreamModel)}`;
    if (provider !== undefined && seen.has(key))
      issues.push({
        path: ["models", i, "deployments", j],
        message: `a second deployment on ${provider} as '${text(d.upstreamModel)}'; merge them (weight, priority)`,
      });
    seen.add(key);
  });
  return issues;
}
