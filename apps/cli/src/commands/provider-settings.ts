import { readFileSync } from "node:fs";
import type { ProviderKind, RegisterProviderInput } from "@gatehouse/server";
import { UsageError } from "../cli-error.js";

/** The `providers add` options that only some kinds take. */
export const PROVIDER_SETTING_OPTIONS = {
  region: { type: "string" },
  "aws-access-key-id-env": { type: "string" },
  "aws-secret-access-key-env": { type: "string" },
  "aws-session-token-env": { type: "string" },
  "api-version": { type: "string" },
  "service-account-file": { type: "string" },
  project: { type: "string" },
  location: { type: "string" },
  "responses-api": { type: "boolean" },
  "no-responses-api": { type: "boolean" },
} as const;

export const PROVIDER_SETTINGS_HELP = `OpenAI (--kind openai):
  --responses-api                  send /v1/responses requests natively to {base}/responses (config.responsesApi);
                                   for OpenAI itself or a vendor implementing the Responses API (docs/responses.md)
  --no-responses-api               clear it: Responses requests are converted to Chat Completions (the default)
Bedrock (--kind bedrock; --base-url defaults to the region's runtime endpoint):
  --region REGION                  AWS region, e.g. us-east-1
  --aws-access-key-id-env VAR      read the access key id from this environment variable
  --aws-secret-access-key-env VAR  read the secret access key from this environment variable
  --aws-session-token-env VAR      read a session token (temporary credentials) from this variable
      (or --api-key-env VAR with a Bedrock API key)
Azure OpenAI (--kind azure; --base-url https://RESOURCE.openai.azure.com; models are deployment names):
  --api-version VERSION            e.g. 2024-10-21 (the default), or v1 for the v1 API
Vertex AI (--kind vertex; --base-url defaults to the location's endpoint):
  --service-account-file PATH      the service account's JSON key file (sealed like an API key)
  --project PROJECT                Google Cloud project (default: the key file's project_id)
  --location LOCATION              e.g. us-central1, or global`;

type Values = {
  [K in keyof typeof PROVIDER_SETTING_OPTIONS]?: (typeof PROVIDER_SETTING_OPTIONS)[K]["type"] extends "boolean"
    ? boolean
    : string;
};

/** Which kind each option belongs to, so a misplaced one is a usage error instead of dead config. */
const KIND_OF: Record<keyof Values, ProviderKind> = {
  region: "bedrock",
  "aws-access-key-id-env": "bedrock",
  "aws-secret-access-key-env": "bedrock",
  "aws-session-token-env": "bedrock",
  "api-version": "azure",
  "service-account-file": "vertex",
  project: "vertex",
  location: "vertex",
  "responses-api": "openai",
  "no-responses-api": "openai",
};

function fromEnv(env: NodeJS.ProcessEnv, variable: string): string {
  const value = env[variable];
  if (!value) throw new UsageError(`environment variable ${variable} is not set`);
  return value;
}

function readServiceAccount(path: string, readFile: (path: string) => string): string {
  let text: string;
  try {
    text = readFile(path);
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? "error"}`);
  }
  let parsed: Record<string, unknown> | undefined;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = undefined;
  }
  if (typeof parsed?.client_email !== "string" || typeof parsed.private_key !== "string") {
    throw new UsageError(`${path} is not a service account key file (client_email and private_key)`);
  }
  return text;
}

/**
 * The non-secret config and the secrets a kind's options give: region, api-version, project and
 * location go to config; AWS keys (read from environment variables, never from the command line) and
 * the service account key file go to the sealed credentials.
 */
export function providerSettings(
  kind: ProviderKind,
  values: Values,
  env: NodeJS.ProcessEnv,
  readFile: (path: string) => string = (p) => readFileSync(p, "utf8"),
): Pick<RegisterProviderInput, "config" | "credentials"> {
  for (const [option, owner] of Object.entries(KIND_OF)) {
    if (values[option as keyof Values] !== undefined && kind !== owner) {
      throw new UsageError(`--${option} applies to --kind ${owner}`);
    }
  }
  const config: Record<string, unknown> = responsesApiConfig({}, values);
  const credentials: NonNullable<RegisterProviderInput["credentials"]> = {};
  if (values.region) config.region = values.region;
  if (values["api-version"]) config.apiVersion = values["api-version"];
  if (values.project) config.project = values.project;
  if (values.location) config.location = values.location;
  const idVar = values["aws-access-key-id-env"];
  const secretVar = values["aws-secret-access-key-env"];
  if ((idVar === undefined) !== (secretVar === undefined)) {
    throw new UsageError("--aws-access-key-id-env and --aws-secret-access-key-env go together");
  }
  if (idVar !== undefined && secretVar !== undefined) {
    credentials.accessKeyId = fromEnv(env, idVar);
    credentials.secretAccessKey = fromEnv(env, secretVar);
  }
  const tokenVar = values["aws-session-token-env"];
  if (tokenVar !== undefined) credentials.sessionToken = fromEnv(env, tokenVar);
  const keyFile = values["service-account-file"];
  if (keyFile !== undefined) credentials.serviceAccountJson = readServiceAccount(keyFile, readFile);
  return { config, credentials };
}

/**
 * `config` with `responsesApi` set by `--responses-api` or removed by `--no-responses-api` (other keys
 * kept); unchanged when neither is given. Both at once is a usage error.
 */
export function responsesApiConfig(
  config: Record<string, unknown>,
  values: Pick<Values, "responses-api" | "no-responses-api">,
): Record<string, unknown> {
  if (values["responses-api"] && values["no-responses-api"]) {
    throw new UsageError("--responses-api and --no-responses-api contradict each other");
  }
  if (values["responses-api"]) return { ...config, responsesApi: true };
  if (values["no-responses-api"]) {
    const { responsesApi: _cleared, ...rest } = config;
    return rest;
  }
  return config;
}
