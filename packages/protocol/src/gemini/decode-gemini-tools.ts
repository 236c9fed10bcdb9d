import type { IrTool, IrToolChoice } from "../ir/chat-request.js";
import type { UnmodeledField } from "../ir/unmodeled-field.js";
import { decodeGeminiSchema } from "./decode-gemini-schema.js";
import { geminiField, type JsonObject } from "./gemini-field-reader.js";

const MODES = ["MODE_UNSPECIFIED", "AUTO", "ANY", "NONE", "VALIDATED"] as const;

function decodeDeclaration(raw: unknown, param: string): IrTool {
  const decl = geminiField.object(raw, param);
  const name = geminiField.string(decl.name, `${param}.name`);
  const description = geminiField.optionalString(decl.description, `${param}.description`);
  const schema = geminiField.optionalObject(decl.parameters, `${param}.parameters`);
  const jsonSchema = geminiField.optionalObject(decl.parametersJsonSchema, `${param}.parametersJsonSchema`);
  if (schema !== undefined && jsonSchema !== undefined) {
    throw geminiField.invalid(`${param}.parametersJsonSchema`, "is mutually exclusive with parameters");
  }
  const parameters =
    jsonSchema ??
    (schema ? decodeGeminiSchema(schema, `${param}.parameters`) : { type: "object", properties: {} });
  const tool: IrTool = { name, parameters };
  if (description !== undefined) tool.description = description;
  return tool;
}

function decodeTool(raw: unknown, param: string, unmodeled: UnmodeledField[]): IrTool[] {
  const tool = geminiField.object(raw, param);
  for (const [key, value] of Object.entries(tool)) {
    if (key !== "functionDeclarations" && value !== undefined && value !== null) {
      // Google-run tools (googleSearch, codeExecution, urlContext, ...) have no equivalent on other
      // providers: listed, so that a conversion is refused rather than silently answered without them.
      geminiField.object(value, `${param}.${key}`);
      unmodeled.push({
        param: `${param}.${key}`,
        reason: "is a Gemini built-in tool, which Gatehouse does not support",
      });
    }
  }
  const decls = geminiField.optionalArray(tool.functionDeclarations, `${param}.functionDeclarations`) ?? [];
  return decls.map((d, i) => decodeDeclaration(d, `${param}.functionDeclarations[${i}]`));
}

function restrictTools(tools: IrTool[], names: string[]): IrTool[] {
  names.forEach((n, i) => {
    if (!tools.some((t) => t.name === n)) {
      throw geminiField.invalid(
        `toolConfig.functionCallingConfig.allowedFunctionNames[${i}]`,
        `names no declared function`,
      );
    }
  });
  return tools.filter((t) => names.includes(t.name));
}

/**
 * Gemini `tools` and `toolConfig.functionCallingConfig` → IR tools and tool choice. AUTO and VALIDATED are
 * `auto`, ANY is `required` (or the one tool when a single name is allowed), NONE is `none`.
 * `allowedFunctionNames` (valid with ANY and VALIDATED) narrows the tool list, since the IR has no allow-list.
 * Google's built-in tools (googleSearch, codeExecution, urlContext, ...) are listed in `unmodeled`.
 * @see https://ai.google.dev/api/caching#Tool
 * @see https://ai.google.dev/api/caching#FunctionCallingConfig
 */
export function decodeGeminiTools(
  rawTools: unknown,
  rawConfig: unknown,
  unmodeled: UnmodeledField[],
): { tools?: IrTool[]; toolChoice?: IrToolChoice } {
  const list = geminiField.optionalArray(rawTools, "tools") ?? [];
  let tools = list.flatMap((t, i) => decodeTool(t, `tools[${i}]`, unmodeled));
  const config: JsonObject | undefined = geminiField.optionalObject(rawConfig, "toolConfig");
  const fcc = geminiField.optionalObject(config?.functionCallingConfig, "toolConfig.functionCallingConfig");
  const mode = geminiField.optionalEnum(fcc?.mode, "toolConfig.functionCallingConfig.mode", MODES);
  const rawNames = fcc?.allowedFunctionNames;
  const names =
    rawNames === undefined || rawNames === null
      ? undefined
      : geminiField.stringArray(rawNames, "toolConfig.functionCallingConfig.allowedFunctionNames");
  let toolChoice: IrToolChoice | undefined;
  if (mode === "NONE") toolChoice = { type: "none" };
  else if (mode === "AUTO" || mode === "VALIDATED") toolChoice = { type: "auto" };
  else if (mode === "ANY") {
    toolChoice = names?.length === 1 ? { type: "tool", name: names[0]! } : { type: "required" };
  }
  if (names !== undefined && names.length > 0 && (mode === "ANY" || mode === "VALIDATED")) {
    tools = restrictTools(tools, names);
  }
  const out: { tools?: IrTool[]; toolChoice?: IrToolChoice } = {};
  if (tools.length > 0) out.tools = tools;
  if (toolChoice !== undefined) out.toolChoice = toolChoice;
  return out;
}
