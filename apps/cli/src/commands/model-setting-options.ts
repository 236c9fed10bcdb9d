import {
  MODEL_BALANCE_STRATEGIES,
  type Model,
  type ModelBalanceStrategy,
  type ModelCapabilities,
  type ModelPatch,
  type ModelTimeouts,
  parseUsdPerMTok,
  UNSUPPORTED_PARAMS_POLICIES,
  type UnsupportedParamsPolicy,
} from "@gatehouse/server";
import { UsageError } from "../cli-error.js";

/** The options of `models add` and `models set`. */
export const MODEL_SETTING_OPTIONS = {
  alias: { type: "string" },
  "context-window": { type: "string" },
  "max-output": { type: "string" },
  tools: { type: "string" },
  vision: { type: "string" },
  json: { type: "string" },
  reasoning: { type: "string" },
  "unsupported-params": { type: "string" },
  strategy: { type: "string" },
  fallbacks: { type: "string" },
  "context-fallback": { type: "string" },
  "content-filter-fallback": { type: "string" },
  "timeout-ms": { type: "string" },
  "first-byte-timeout-ms": { type: "string" },
  "input-price": { type: "string" },
  "output-price": { type: "string" },
} as const;

export type ModelSettingValues = { [K in keyof typeof MODEL_SETTING_OPTIONS]?: string };

export const MODEL_SETTINGS_HELP = `Model settings (models add and models set; set changes only the options given):
  --alias A,B                    extra public names for the model ("" removes them all)
  --context-window N             context window in tokens; longer prompts get 400 context_length_exceeded
  --max-output N                 largest max_tokens accepted (400 unsupported_parameter above it)
                                 (N may be "none" for both: no limit known)
  --tools yes|no|unknown         whether the model takes tools; "no" refuses tool requests with a 400
  --vision yes|no|unknown        ... images
  --json yes|no|unknown          ... JSON output (response_format)
  --reasoning yes|no|unknown     ... reasoning (reasoning_effort, thinking)
  --unsupported-params drop|refuse
                                 parameters the upstream cannot honour: drop them (named in the
                                 x-gatehouse-warnings header; the default) or refuse the request (400)
  --strategy S                   how a priority group's deployments are chosen: ${MODEL_BALANCE_STRATEGIES.join(", ")}
  --fallbacks M1,M2              models tried in order after every deployment failed ("" for none)
  --context-fallback M           a model with a larger window, for prompts over this one's ("" for none)
  --content-filter-fallback yes|no
                                 also try the fallbacks when the upstream refuses on content policy
  --timeout-ms N                 the whole upstream attempt, in ms ("none": the server's default)
  --first-byte-timeout-ms N      until the upstream's first byte, in ms ("none": the server's default)
  --input-price USD              price per million input tokens, e.g. 2.50
  --output-price USD             price per million output tokens, e.g. 10`;

const CAPABILITY_OPTIONS = ["tools", "vision", "json", "reasoning"] as const;

/**
 * The model change the options ask for: only options given appear in the patch. Capabilities and
 * timeouts are merged into `current`'s (so `--tools no` keeps `--vision yes`); lists replace.
 * Syntax mistakes are usage errors naming the option; values the store refuses come back from it.
 *
 * @example
 * modelPatchFromOptions({ tools: "no", fallbacks: "a,b" }, current); // { capabilities: {...}, fallbackModels: ["a","b"] }
 */
export function modelPatchFromOptions(values: ModelSettingValues, current?: Model): ModelPatch {
  const patch: ModelPatch = {};
  if (values.alias !== undefined) patch.aliases = nameList(values.alias);
  if (values["context-window"] !== undefined)
    patch.contextWindow = countOrNone(values["context-window"], "context-window");
  if (values["max-output"] !== undefined)
    patch.maxOutputTokens = countOrNone(values["max-output"], "max-output");
  if (CAPABILITY_OPTIONS.some((c) => values[c] !== undefined)) {
    const caps: ModelCapabilities = { ...current?.capabilities };
    for (const c of CAPABILITY_OPTIONS) {
      const v = values[c];
      if (v === undefined) continue;
      if (v === "unknown") delete caps[c];
      else caps[c] = yesNo(v, c);
    }
    patch.capabilities = caps;
  }
  const policy = values["unsupported-params"];
  if (policy !== undefined)
    patch.unsupportedParams = oneOf<UnsupportedParamsPolicy>(
      policy,
      UNSUPPORTED_PARAMS_POLICIES,
      "unsupported-params",
    );
  if (values.strategy !== undefined)
    patch.balanceStrategy = oneOf<ModelBalanceStrategy>(
      values.strategy,
      MODEL_BALANCE_STRATEGIES,
      "strategy",
    );
  if (values.fallbacks !== undefined) patch.fallbackModels = nameList(values.fallbacks);
  const contextFallback = values["context-fallback"];
  if (contextFallback !== undefined) patch.contextFallbackModel = contextFallback.trim() || null;
  const filter = values["content-filter-fallback"];
  if (filter !== undefined) patch.contentFilterFallback = yesNo(filter, "content-filter-fallback");
  const total = values["timeout-ms"];
  const firstByte = values["first-byte-timeout-ms"];
  if (total !== undefined || firstByte !== undefined) {
    const timeouts: ModelTimeouts = { ...current?.timeouts };
    putTimeout(timeouts, "totalMs", total, "timeout-ms");
    putTimeout(timeouts, "firstByteMs", firstByte, "first-byte-timeout-ms");
    patch.timeouts = timeouts;
  }
  if (values["input-price"] !== undefined)
    patch.inputPricePerMTok = price(values["input-price"], "input-price");
  if (values["output-price"] !== undefined)
    patch.outputPricePerMTok = price(values["output-price"], "output-price");
  return patch;
}

/** "a, b,c" → ["a", "b", "c"]; "" → []. */
export function nameList(text: string): string[] {
  return text
    .split(",")
    .map((n) => n.trim())
    .filter(Boolean);
}

/** A positive integer option, e.g. `--weight 3`. */
export function positiveInt(text: string, option: string, allowZero = false): number {
  const n = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!Number.isSafeInteger(n) || (n === 0 && !allowZero))
    throw new UsageError(
      `--${option} must be a ${allowZero ? "non-negative" : "positive"} integer, not '${text}'`,
    );
  return n;
}

function countOrNone(text: string, option: string): number | null {
  return text.trim() === "none" ? null : positiveInt(text, option);
}

function putTimeout(
  timeouts: ModelTimeouts,
  key: keyof ModelTimeouts,
  text: string | undefined,
  option: string,
) {
  if (text === undefined) return;
  if (text.trim() === "none") delete timeouts[key];
  else timeouts[key] = positiveInt(text, option);
}

function yesNo(text: string, option: string): boolean {
  if (text === "yes") return true;
  if (text === "no") return false;
  throw new UsageError(
    `--${option} takes yes or no${CAPABILITY_OPTIONS.includes(option as never) ? " (or unknown)" : ""}, not '${text}'`,
  );
}

function oneOf<T extends string>(text: string, allowed: readonly T[], option: string): T {
  if ((allowed as readonly string[]).includes(text)) return text as T;
  throw new UsageError(`--${option} takes one of ${allowed.join(", ")}, not '${text}'`);
}

function price(text: string, option: string): number {
  try {
    return parseUsdPerMTok(text);
  } catch (err) {
    throw new UsageError(`--${option}: ${(err as Error).message}`);
  }
}
