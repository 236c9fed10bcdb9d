import {
  MODEL_BALANCE_STRATEGIES,
  type ModelBalanceStrategy,
  type ProviderKind,
  parseUsdPerMTok,
  SUPPORTED_PROVIDER_KINDS,
  UNSUPPORTED_PARAMS_POLICIES,
  type UnsupportedParamsPolicy,
} from "@gatehouse/server";
import { z } from "zod";

/** The largest value of an `integer` column on both store dialects (PostgreSQL's is 32-bit, signed). */
const INT32_MAX = 2_147_483_647;

/** What a credential written as a plain value is told: secrets are only named, never written. */
export const LITERAL_SECRET_MESSAGE =
  "is a literal secret; reference an environment variable instead: { env: VARIABLE_NAME }";

/** A reference to the environment variable holding a secret: `{ env: OPENAI_API_KEY }`. */
const envRef = z.strictObject(
  {
    env: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name (letters, digits, _)"),
  },
  {
    // A scalar where a reference belongs is a secret pasted into the file: say so, never echo it.
    error: (issue) =>
      issue.code === "invalid_type" && issue.input !== undefined && typeof issue.input !== "object"
        ? LITERAL_SECRET_MESSAGE
        : undefined,
  },
);

/** The secrets a provider may have, each named by environment variable (the `providers add` flags). */
export const CREDENTIAL_FIELDS = [
  "apiKey",
  "accessKeyId",
  "secretAccessKey",
  "sessionToken",
  "serviceAccountJson",
] as const;
export type CredentialField = (typeof CREDENTIAL_FIELDS)[number];

const credentials = z.strictObject({
  apiKey: envRef.optional(),
  accessKeyId: envRef.optional(),
  secretAccessKey: envRef.optional(),
  sessionToken: envRef.optional(),
  serviceAccountJson: envRef.optional(),
});

/** The kind-specific settings, stored in the provider's config (`providers add --region` etc.). */
export const PROVIDER_SETTINGS = ["region", "apiVersion", "project", "location"] as const;
export type ProviderSetting = (typeof PROVIDER_SETTINGS)[number];

const setting = z.string().min(1, "must not be empty").optional();

const providerName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/i, "must be 1-63 letters, digits, '.', '_' or '-'");

/** An http(s) URL without user or password in it (a password there is a literal secret). */
const baseUrl = z
  .string()
  // One check that parses once: zod runs every refine even after one fails, and `new URL` throws.
  .superRefine((text, ctx) => {
    const problem = baseUrlProblem(text);
    if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
  })
  .transform((text) => text.replace(/\/+$/, ""));

function baseUrlProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "must be a URL, e.g. https://api.openai.com/v1";
  }
  if (!/^https?:$/.test(url.protocol)) return "must use http or https";
  if (url.username || url.password) {
    return "must not hold credentials; put them under credentials: { apiKey: { env: VAR } }";
  }
  return undefined;
}

const provider = z.strictObject({
  name: providerName,
  kind: z.enum(SUPPORTED_PROVIDER_KINDS as [ProviderKind, ...ProviderKind[]]),
  baseUrl: baseUrl.optional(),
  region: setting,
  apiVersion: setting,
  project: setting,
  location: setting,
  /** Any other non-secret adapter setting (anthropicVersion, maxTokensField...), stored as is. */
  config: z.record(z.string(), z.json()).default({}),
  credentials: credentials.default({}),
});

/** A model name as the store accepts it: non-empty, at most 256 characters, no surrounding spaces. */
const modelName = z
  .string()
  .min(1, "must not be empty")
  .max(256, "must be at most 256 characters")
  .refine((n) => n === n.trim(), "must not start or end with spaces");
/** A name that points at one model (an alias, a fallback): no wildcard. */
const exactModelName = modelName.refine((n) => !n.includes("*"), "is a wildcard; name one model");

const positiveInt = (max = INT32_MAX) =>
  z.number().int("must be an integer").positive("must be positive").max(max, `must be at most ${max}`);
const limit = positiveInt().nullable().default(null);

/**
 * USD per million tokens, written as a decimal number or string ("2.50", 0.15), converted to integer
 * nano-USD by parsing the decimal text (never through a float), so 0.15 is exactly 150_000_000.
 */
const price = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const text = String(value);
  let nano: number;
  try {
    nano = parseUsdPerMTok(text);
  } catch {
    ctx.addIssue({
      code: "custom",
      message: "must be USD per million tokens: a decimal with at most 9 decimals, e.g. 2.50",
    });
    return z.NEVER;
  }
  if (!Number.isSafeInteger(nano)) {
    ctx.addIssue({ code: "custom", message: "is too large" });
    return z.NEVER;
  }
  return nano;
});

const deployment = z.strictObject({
  provider: providerName,
  upstreamModel: z.string().min(1, "must not be empty"),
  weight: z.number().int("must be an integer").min(0).max(INT32_MAX).default(1),
  priority: z.number().int("must be an integer").min(-INT32_MAX).max(INT32_MAX).default(0),
  rpm: limit,
  tpm: positiveInt(Number.MAX_SAFE_INTEGER).nullable().default(null),
  region: z.string().min(1, "must not be empty").nullable().default(null),
});

const model = z.strictObject({
  name: modelName,
  aliases: z.array(exactModelName).default([]),
  /** In the file: USD per million tokens. Parsed: integer nano-USD per million tokens. */
  prices: z.strictObject({ input: price, output: price }),
  contextWindow: limit,
  maxOutputTokens: limit,
  capabilities: z
    .strictObject({
      tools: z.boolean().optional(),
      vision: z.boolean().optional(),
      json: z.boolean().optional(),
      reasoning: z.boolean().optional(),
    })
    .default({}),
  unsupportedParams: z
    .enum(UNSUPPORTED_PARAMS_POLICIES as [UnsupportedParamsPolicy, ...UnsupportedParamsPolicy[]])
    .default("drop"),
  strategy: z
    .enum(MODEL_BALANCE_STRATEGIES as [ModelBalanceStrategy, ...ModelBalanceStrategy[]])
    .default("weighted_random"),
  fallbacks: z.array(exactModelName).default([]),
  contextFallback: exactModelName.nullable().default(null),
  contentFilterFallback: z.boolean().default(false),
  timeouts: z
    .strictObject({
      connectMs: positiveInt().optional(),
      firstByteMs: positiveInt().optional(),
      idleMs: positiveInt().optional(),
      totalMs: positiveInt().optional(),
    })
    .default({}),
  deployments: z.array(deployment).default([]),
});

/**
 * The `gatehouse.yaml` file, `version: 1`. Objects are strict (an unknown key is an error, so a typo is
 * never silently ignored); settings left out take the same defaults as `gatehouse models add`.
 * Relations between entries (duplicate names, unknown providers, settings of another kind) are checked
 * by checkConfigRelations.
 */
export const configSchema = z.strictObject({
  version: z.literal(1, "must be 1"),
  workspaces: z.array(z.strictObject({ name: z.string().min(1, "must not be empty") })).default([]),
  providers: z.array(provider).default([]),
  models: z.array(model).default([]),
});

/** A validated configuration: every default filled in, prices in integer nano-USD. */
export type GatehouseConfig = z.output<typeof configSchema>;
export type ProviderSpec = GatehouseConfig["providers"][number];
export type ModelSpec = GatehouseConfig["models"][number];
export type DeploymentSpec = ModelSpec["deployments"][number];
export type EnvRef = z.output<typeof envRef>;
