import type { IrChatRequest } from "../ir/chat-request.js";
import type { GeminiFunctionDeclaration, GeminiTool, GeminiToolConfig } from "./gemini-wire-types.js";

/**
 * IR tools and tool choice → Gemini `tools` (function declarations with their JSON Schema passed as
 * `parametersJsonSchema`, so no schema feature is lost in a conversion to Gemini's OpenAPI subset) and
 * `toolConfig.functionCallingConfig`: auto → AUTO, none → NONE, required → ANY, one tool → ANY limited to
 * that name. Gemini cannot forbid parallel calls: `parallelToolCalls: false` is dropped with a warning.
 * @see https://ai.google.dev/api/caching#FunctionDeclaration
 * @see https://ai.google.dev/api/caching#FunctionCallingConfig
 */
export function encodeGeminiTools(
  ir: Pick<IrChatRequest, "tools" | "toolChoice" | "parallelToolCalls">,
  warnings: string[],
): { tools?: GeminiTool[]; toolConfig?: GeminiToolConfig } {
  const out: { tools?: GeminiTool[]; toolConfig?: GeminiToolConfig } = {};
  if (ir.tools !== undefined && ir.tools.length > 0) {
    const functionDeclarations = ir.tools.map((t): GeminiFunctionDeclaration => {
      const decl: GeminiFunctionDeclaration = { name: t.name };
      if (t.description !== undefined) decl.description = t.description;
      if (Object.keys(t.parameters).length > 0) decl.parametersJsonSchema = t.parameters;
      return decl;
    });
    out.tools = [{ functionDeclarations }];
  }
  const choice = ir.toolChoice;
  if (choice?.type === "auto") out.toolConfig = { functionCallingConfig: { mode: "AUTO" } };
  else if (choice?.type === "none") out.toolConfig = { functionCallingConfig: { mode: "NONE" } };
  else if (choice?.type === "required") out.toolConfig = { functionCallingConfig: { mode: "ANY" } };
  else if (choice?.type === "tool") {
    out.toolConfig = { functionCallingConfig: { mode: "ANY", allowedFunctionNames: [choice.name] } };
  }
  if (ir.parallelToolCalls === false)
    warnings.push("parallel_tool_calls=false is not supported by gemini; dropped");
  return out;
}
