import type { IrImagePart, IrPart, IrTextPart, IrToolResultPart } from "../ir/content.js";
import type { UnmodeledField } from "../ir/unmodeled-field.js";
import { MAX_JSON_DEPTH } from "../json/max-json-depth.js";
import { stringifyJsonWithinDepth } from "../json/stringify-json-within-depth.js";
import { geminiField, type JsonObject } from "./gemini-field-reader.js";
import { synthesizeGeminiId } from "./synthesize-gemini-id.js";

/** Part fields of Gemini features that exist only with Google's built-in tools, which Gatehouse does not carry. */
const BUILT_IN_TOOL_PARTS = ["executableCode", "codeExecutionResult", "toolCall", "toolResponse"] as const;

/** Where a part sits, for error paths and for ids of calls that carry none. */
export interface GeminiPartContext {
  /** The JSON path of the part, e.g. `contents[2].parts[0]`. */
  param: string;
  /** Distinguishes this part from all others in the same body (the response id, or the request's path). */
  callSeed: string;
  /** Where parts of Google's built-in tools (valid, but without an IR form) are listed; they give no part. */
  unmodeled: UnmodeledField[];
}

/** A client's or upstream's free-form JSON value as JSON text; too deep to serialize safely is a 400. */
function jsonText(value: unknown, param: string): string {
  const text = stringifyJsonWithinDepth(value);
  if (text === undefined) throw geminiField.invalid(param, `nests deeper than ${MAX_JSON_DEPTH} levels`);
  return text;
}

function decodeImage(part: JsonObject, param: string): IrImagePart | undefined {
  if (part.inlineData !== undefined) {
    const blob = geminiField.object(part.inlineData, `${param}.inlineData`);
    const mediaType = geminiField.string(blob.mimeType, `${param}.inlineData.mimeType`);
    const data = geminiField.string(blob.data, `${param}.inlineData.data`);
    return { type: "image", source: { kind: "base64", mediaType, data } };
  }
  if (part.fileData !== undefined) {
    const file = geminiField.object(part.fileData, `${param}.fileData`);
    geminiField.optionalString(file.mimeType, `${param}.fileData.mimeType`);
    const url = geminiField.string(file.fileUri, `${param}.fileData.fileUri`);
    return { type: "image", source: { kind: "url", url } };
  }
  return undefined;
}

/**
 * A function's result as IR: Gemini recommends `{"output": ...}` for a result and `{"error": ...}` for a
 * failure; any other object is the whole result. Non-string values become their JSON text.
 * @see https://ai.google.dev/api/caching#FunctionResponse
 */
function decodeFunctionResponse(part: JsonObject, param: string): IrToolResultPart {
  const fr = geminiField.object(part.functionResponse, `${param}.functionResponse`);
  const name = geminiField.string(fr.name, `${param}.functionResponse.name`);
  const id = geminiField.optionalString(fr.id, `${param}.functionResponse.id`);
  const response = geminiField.object(fr.response, `${param}.functionResponse.response`);
  const keys = Object.keys(response);
  const isError = keys.length === 1 && keys[0] === "error";
  const value = keys.length === 1 && (isError || keys[0] === "output") ? response[keys[0]!] : response;
  const text =
    typeof value === "string" ? value : jsonText(value ?? null, `${param}.functionResponse.response`);
  const content: Array<IrTextPart | IrImagePart> = [{ type: "text", text }];
  const extra = geminiField.optionalArray(fr.parts, `${param}.functionResponse.parts`) ?? [];
  extra.forEach((p, i) => {
    const at = `${param}.functionResponse.parts[${i}]`;
    const image = decodeImage(geminiField.object(p, at), at);
    if (image === undefined) throw geminiField.invalid(at, "must hold inlineData or fileData");
    content.push(image);
  });
  const result: IrToolResultPart = { type: "tool_result", toolCallId: id ?? "", name, content };
  if (isError) result.isError = true;
  return result;
}

function decodeFunctionCall(part: JsonObject, ctx: GeminiPartContext, signature: string | undefined): IrPart {
  const fc = geminiField.object(part.functionCall, `${ctx.param}.functionCall`);
  const name = geminiField.string(fc.name, `${ctx.param}.functionCall.name`);
  const args = geminiField.optionalObject(fc.args, `${ctx.param}.functionCall.args`) ?? {};
  const argumentsJson = jsonText(args, `${ctx.param}.functionCall.args`);
  const id =
    geminiField.optionalString(fc.id, `${ctx.param}.functionCall.id`) ??
    synthesizeGeminiId("call", `${ctx.callSeed}/${ctx.param}/${name}/${argumentsJson}`);
  return signature === undefined
    ? { type: "tool_call", id, name, arguments: argumentsJson }
    : { type: "tool_call", id, name, arguments: argumentsJson, signature };
}

/**
 * One Gemini `Part` → IR parts. A `thought` part is reasoning. A `thoughtSignature` on a function call
 * stays on the IR tool call; on any other non-thought part it becomes an IR reasoning part with empty text
 * placed just before it, so it reaches the client and comes back byte-exact (Gemini 3 requires that).
 * A `functionResponse` is returned with its own id, or an empty id that the caller resolves. A part of a
 * built-in tool (executableCode, codeExecutionResult, ...) is listed in `ctx.unmodeled` and gives no part.
 * @see https://ai.google.dev/api/caching#Part
 * @see https://ai.google.dev/gemini-api/docs/thought-signatures
 */
export function decodeGeminiPart(raw: unknown, ctx: GeminiPartContext): IrPart[] {
  const { param } = ctx;
  const part = geminiField.object(raw, param);
  const thought = geminiField.optionalBoolean(part.thought, `${param}.thought`) === true;
  const signature = geminiField.optionalString(part.thoughtSignature, `${param}.thoughtSignature`);
  const text = geminiField.optionalString(part.text, `${param}.text`);
  if (thought) {
    const reasoning: IrPart = { type: "reasoning", text: text ?? "" };
    if (signature !== undefined) reasoning.signature = signature;
    return [reasoning];
  }
  if (part.functionCall !== undefined) return [decodeFunctionCall(part, ctx, signature)];
  const lead: IrPart[] = signature === undefined ? [] : [{ type: "reasoning", text: "", signature }];
  if (text !== undefined) return [...lead, { type: "text", text }];
  if (part.functionResponse !== undefined) return [...lead, decodeFunctionResponse(part, param)];
  const image = decodeImage(part, param);
  if (image !== undefined) return [...lead, image];
  const builtIn = BUILT_IN_TOOL_PARTS.find((key) => part[key] !== undefined);
  if (builtIn !== undefined) {
    geminiField.object(part[builtIn], `${param}.${builtIn}`);
    const reason = "belongs to a Gemini built-in tool, which Gatehouse does not support";
    ctx.unmodeled.push({ param: `${param}.${builtIn}`, reason });
    return lead;
  }
  if (signature !== undefined) return lead;
  throw geminiField.invalid(
    param,
    "must hold one of text, inlineData, fileData, functionCall or functionResponse",
  );
}
