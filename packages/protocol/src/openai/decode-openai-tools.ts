import type { IrTool, IrToolChoice } from "../ir/chat-request.js";
import type { UnmodeledField } from "../ir/unmodeled-field.js";
import type { FieldReader, JsonObject } from "./create-field-reader.js";

const CUSTOM_TOOLS = "custom (free-form) tools are not supported by the gateway";

/** A function tool's `function` object → IR tool. */
function decodeFunction(tool: JsonObject, param: string, r: FieldReader): IrTool {
  const fn = r.object(tool.function, `${param}.function`);
  const name = r.string(fn.name, `${param}.function.name`);
  if (name === "") r.fail("must not be empty", `${param}.function.name`);
  const out: IrTool = {
    name,
    parameters: r.optional(fn.parameters, (v) => r.object(v, `${param}.function.parameters`)) ?? {
      type: "object",
      properties: {},
    },
  };
  const description = r.optional(fn.description, (v) => r.string(v, `${param}.function.description`));
  if (description !== undefined) out.description = description;
  const strict = r.optional(fn.strict, (v) => r.boolean(v, `${param}.function.strict`));
  if (strict !== undefined) out.strict = strict;
  return out;
}

/** A custom tool is checked for shape (a malformed one is still a 400), then listed as unmodeled. */
function noteCustom(tool: JsonObject, param: string, r: FieldReader, unmodeled: UnmodeledField[]): void {
  const custom = r.object(tool.custom, `${param}.custom`);
  r.string(custom.name, `${param}.custom.name`);
  unmodeled.push({ param: `${param}.type`, reason: `is 'custom': ${CUSTOM_TOOLS}` });
}

/**
 * OpenAI `tools` → IR tools. Function tools map one to one (a function without `parameters` takes no
 * arguments, as OpenAI documents); custom (free-form grammar) tools are valid but have no IR form: they are
 * listed in `unmodeled` and left out.
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-tools
 */
export function decodeOpenAITools(value: unknown, r: FieldReader, unmodeled: UnmodeledField[]): IrTool[] {
  return r.array(value, "tools").flatMap((item, i) => {
    const param = `tools[${i}]`;
    const tool = r.object(item, param);
    if (tool.type === "custom") {
      noteCustom(tool, param, r, unmodeled);
      return [];
    }
    if (tool.type !== "function") r.fail("must be 'function' or 'custom'", `${param}.type`);
    return [decodeFunction(tool, param, r)];
  });
}

/** A decoded `tool_choice`: the IR choice, and the allow-list of function names it narrows tools to. */
export interface DecodedOpenAIToolChoice {
  toolChoice?: IrToolChoice;
  allowedTools?: string[];
}

/** `allowed_tools`: the IR has no allow-list, so the tools are narrowed to it (as for Gemini's). */
function decodeAllowed(
  choice: JsonObject,
  r: FieldReader,
  unmodeled: UnmodeledField[],
): DecodedOpenAIToolChoice {
  const param = "tool_choice.allowed_tools";
  const allowed = r.object(choice.allowed_tools, param);
  const mode = r.oneOf(allowed.mode, `${param}.mode`, ["auto", "required"] as const);
  const names = r.array(allowed.tools, `${param}.tools`).flatMap((item, i) => {
    const tool = r.object(item, `${param}.tools[${i}]`);
    if (tool.type === "custom") {
      noteCustom(tool, `${param}.tools[${i}]`, r, unmodeled);
      return [];
    }
    if (tool.type !== "function") r.fail("must be 'function' or 'custom'", `${param}.tools[${i}].type`);
    const fn = r.object(tool.function, `${param}.tools[${i}].function`);
    return [r.string(fn.name, `${param}.tools[${i}].function.name`)];
  });
  const toolChoice: IrToolChoice =
    mode === "required" && names.length === 1 ? { type: "tool", name: names[0]! } : { type: mode };
  return { toolChoice, allowedTools: names };
}

/**
 * OpenAI `tool_choice` → IR. `allowed_tools` narrows the tool list (returned as `allowedTools`); a choice
 * forcing a custom tool is listed in `unmodeled` and left out.
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-tool_choice
 */
export function decodeOpenAIToolChoice(
  value: unknown,
  r: FieldReader,
  unmodeled: UnmodeledField[],
): DecodedOpenAIToolChoice {
  if (value === "none" || value === "auto" || value === "required") return { toolChoice: { type: value } };
  const choice = r.object(value, "tool_choice");
  if (choice.type === "allowed_tools") return decodeAllowed(choice, r, unmodeled);
  if (choice.type === "custom") {
    noteCustom(choice, "tool_choice", r, unmodeled);
    return {};
  }
  if (choice.type !== "function")
    r.fail(
      "must be 'none', 'auto', 'required', or a function, custom or allowed_tools choice",
      "tool_choice",
    );
  const fn = r.object(choice.function, "tool_choice.function");
  return { toolChoice: { type: "tool", name: r.string(fn.name, "tool_choice.function.name") } };
}
