import type { IrTool, IrToolChoice } from "../ir/chat-request.js";
import type { UnmodeledField } from "../ir/unmodeled-field.js";
import type { FieldReader, JsonObject } from "../openai/create-field-reader.js";

/** Tool types valid in the Responses API that OpenAI runs itself (hosted tools). */
const HOSTED_TOOLS = [
  "web_search",
  "web_search_preview",
  "web_search_2025_08_26",
  "web_search_preview_2025_03_11",
  "file_search",
  "code_interpreter",
  "computer_use_preview",
  "image_generation",
  "mcp",
  "local_shell",
  "shell",
  "apply_patch",
  "custom",
];

function decodeFunctionTool(tool: JsonObject, at: string, r: FieldReader): IrTool {
  const name = r.string(tool.name, `${at}.name`);
  if (name === "") r.fail("must not be empty", `${at}.name`);
  const out: IrTool = {
    name,
    parameters: r.optional(tool.parameters, (v) => r.object(v, `${at}.parameters`)) ?? {
      type: "object",
      properties: {},
    },
  };
  const description = r.optional(tool.description, (v) => r.string(v, `${at}.description`));
  if (description !== undefined) out.description = description;
  const strict = r.optional(tool.strict, (v) => r.boolean(v, `${at}.strict`));
  if (strict !== undefined) out.strict = strict;
  return out;
}

/**
 * Responses `tools` → IR tools. Function tools are flat here (`{type, name, parameters}`, unlike Chat
 * Completions' nested `function`); hosted tools (web_search, file_search, code_interpreter, ...) run at
 * OpenAI and have no IR form: they are listed in `unmodeled`.
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-tools
 *
 * @example
 * decodeResponsesTools([{ type: "function", name: "f", parameters: { type: "object" } }], r, []);
 */
export function decodeResponsesTools(value: unknown, r: FieldReader, unmodeled: UnmodeledField[]): IrTool[] {
  return r.array(value, "tools").flatMap((item, i) => {
    const at = `tools[${i}]`;
    const tool = r.object(item, at);
    if (tool.type === "function") return [decodeFunctionTool(tool, at, r)];
    if (typeof tool.type === "string" && HOSTED_TOOLS.includes(tool.type)) {
      unmodeled.push({
        param: `${at}.type`,
        reason: `is '${tool.type}', a tool that OpenAI hosts, which only an OpenAI upstream can run`,
      });
      return [];
    }
    return r.fail(`must be 'function' or one of OpenAI's hosted tools`, `${at}.type`);
  });
}

/**
 * Responses `tool_choice` → IR: "auto" | "none" | "required" | `{type: "function", name}`. A hosted
 * tool's choice (`{type: "web_search_preview"}`) or an `allowed_tools` list is listed in `unmodeled`.
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-tool_choice
 */
export function decodeResponsesToolChoice(
  value: unknown,
  r: FieldReader,
  unmodeled: UnmodeledField[],
): IrToolChoice | undefined {
  if (typeof value === "string") return { type: r.oneOf(value, "tool_choice", ["auto", "none", "required"]) };
  const choice = r.object(value, "tool_choice");
  const type = r.string(choice.type, "tool_choice.type");
  if (type === "function") return { type: "tool", name: r.string(choice.name, "tool_choice.name") };
  if (type === "allowed_tools" || HOSTED_TOOLS.includes(type)) {
    unmodeled.push({ param: "tool_choice.type", reason: `'${type}' is not supported by the gateway` });
    return undefined;
  }
  return r.fail("must be 'function', 'allowed_tools' or a hosted tool's type", "tool_choice.type");
}
