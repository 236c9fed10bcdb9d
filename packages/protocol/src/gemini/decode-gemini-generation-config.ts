import type { IrChatRequest, IrReasoningConfig, IrResponseFormat } from "../ir/chat-request.js";
import type { UnmodeledField } from "../ir/unmodeled-field.js";
import { decodeGeminiSchema } from "./decode-gemini-schema.js";
import { geminiField, type JsonObject } from "./gemini-field-reader.js";

type GenerationFields = Pick<
  IrChatRequest,
  | "maxTokens"
  | "temperature"
  | "topP"
  | "topK"
  | "stop"
  | "seed"
  | "presencePenalty"
  | "frequencyPenalty"
  | "responseFormat"
  | "reasoning"
>;

const P = "generationConfig";
const LEVELS = ["THINKING_LEVEL_UNSPECIFIED", "MINIMAL", "LOW", "MEDIUM", "HIGH"] as const;
/** Fields that only tune Gemini's output details: dropped with a warning when converting elsewhere. */
const DROPPED = [
  "responseLogprobs",
  "logprobs",
  "mediaResolution",
  "enableEnhancedCivicAnswers",
  "routingConfig",
];
/** Fields asking for output other providers cannot produce: unmodeled rather than a silently different answer. */
const UNSUPPORTED = ["speechConfig", "imageConfig", "responseModalities"];

function decodeResponseFormat(config: JsonObject, unmodeled: UnmodeledField[]): IrResponseFormat | undefined {
  const mime = geminiField.optionalString(config.responseMimeType, `${P}.responseMimeType`);
  const schema = geminiField.optionalObject(config.responseSchema, `${P}.responseSchema`);
  const jsonSchema = geminiField.optionalObject(config.responseJsonSchema, `${P}.responseJsonSchema`);
  if (schema !== undefined && jsonSchema !== undefined) {
    throw geminiField.invalid(`${P}.responseJsonSchema`, "is mutually exclusive with responseSchema");
  }
  if (mime === "text/x.enum") {
    unmodeled.push({ param: `${P}.responseMimeType`, reason: '"text/x.enum" is not supported' });
    return undefined;
  }
  if (mime !== undefined && mime !== "text/plain" && mime !== "application/json") {
    throw geminiField.invalid(`${P}.responseMimeType`, 'must be "text/plain" or "application/json"');
  }
  if ((schema ?? jsonSchema) !== undefined && mime !== "application/json") {
    throw geminiField.invalid(
      `${P}.responseMimeType`,
      'must be "application/json" when a response schema is set',
    );
  }
  if (jsonSchema !== undefined) return { type: "json_schema", name: "response", schema: jsonSchema };
  if (schema !== undefined)
    return {
      type: "json_schema",
      name: "response",
      schema: decodeGeminiSchema(schema, `${P}.responseSchema`),
    };
  if (mime === "application/json") return { type: "json_object" };
  return mime === "text/plain" ? { type: "text" } : undefined;
}

/**
 * `thinkingConfig` → IR reasoning. A budget of 0 turns thinking off, -1 is dynamic (on, no budget), a
 * positive budget is kept; `thinkingLevel` (Gemini 3) is the IR effort.
 * @see https://ai.google.dev/gemini-api/docs/thinking
 */
function decodeThinking(raw: unknown): IrReasoningConfig | undefined {
  const tc = geminiField.optionalObject(raw, `${P}.thinkingConfig`);
  if (tc === undefined) return undefined;
  const budget = geminiField.optionalNumber(tc.thinkingBudget, `${P}.thinkingConfig.thinkingBudget`, {
    integer: true,
    min: -1,
  });
  const level = geminiField.optionalEnum(tc.thinkingLevel, `${P}.thinkingConfig.thinkingLevel`, LEVELS);
  const include = geminiField.optionalBoolean(tc.includeThoughts, `${P}.thinkingConfig.includeThoughts`);
  const effort =
    level === undefined || level === "THINKING_LEVEL_UNSPECIFIED" ? undefined : level.toLowerCase();
  if (budget === undefined && effort === undefined && include !== true) return undefined;
  const reasoning: IrReasoningConfig = { enabled: budget !== 0 };
  if (budget !== undefined && budget > 0) reasoning.budgetTokens = budget;
  if (effort !== undefined) reasoning.effort = effort as IrReasoningConfig["effort"];
  if (include !== undefined) reasoning.includeThoughts = include;
  return reasoning;
}

function readSamplingFields(c: JsonObject, out: GenerationFields): void {
  const num = geminiField.optionalNumber;
  out.temperature = num(c.temperature, `${P}.temperature`, { min: 0, max: 2 });
  out.topP = num(c.topP, `${P}.topP`, { min: 0, max: 1 });
  out.topK = num(c.topK, `${P}.topK`, { integer: true, min: 1 });
  out.maxTokens = num(c.maxOutputTokens, `${P}.maxOutputTokens`, { integer: true, min: 1 });
  out.seed = num(c.seed, `${P}.seed`, { integer: true });
  out.presencePenalty = num(c.presencePenalty, `${P}.presencePenalty`);
  out.frequencyPenalty = num(c.frequencyPenalty, `${P}.frequencyPenalty`);
  if (c.stopSequences !== undefined && c.stopSequences !== null) {
    out.stop = geminiField.stringArray(c.stopSequences, `${P}.stopSequences`);
  }
}

/**
 * Gemini `generationConfig` → the IR's sampling, length, output-format and reasoning fields.
 * `candidateCount` above 1 (the IR carries one answer), speech, image and audio output and enum output
 * are listed in `unmodeled` and left out.
 * @see https://ai.google.dev/api/generate-content#generationconfig
 */
export function decodeGeminiGenerationConfig(
  raw: unknown,
  warnings: string[],
  unmodeled: UnmodeledField[],
): GenerationFields {
  const config = geminiField.optionalObject(raw, P);
  if (config === undefined) return {};
  const candidates = geminiField.optionalNumber(config.candidateCount, `${P}.candidateCount`, {
    integer: true,
    min: 1,
  });
  if (candidates !== undefined && candidates > 1)
    unmodeled.push({ param: `${P}.candidateCount`, reason: "above 1 is not supported" });
  for (const key of UNSUPPORTED) {
    const value = config[key];
    if (value === undefined || value === null) continue;
    if (key === "responseModalities") {
      const modalities = geminiField.stringArray(value, `${P}.${key}`);
      if (modalities.every((m) => m.toUpperCase() === "TEXT")) continue;
    } else geminiField.object(value, `${P}.${key}`);
    unmodeled.push({ param: `${P}.${key}`, reason: "is not supported" });
  }
  for (const key of DROPPED) {
    if (config[key] !== undefined && config[key] !== null)
      warnings.push(`${P}.${key} is not supported; dropped`);
  }
  const out: GenerationFields = {};
  readSamplingFields(config, out);
  out.responseFormat = decodeResponseFormat(config, unmodeled);
  out.reasoning = decodeThinking(config.thinkingConfig);
  for (const key of Object.keys(out) as Array<keyof GenerationFields>)
    if (out[key] === undefined) delete out[key];
  return out;
}
