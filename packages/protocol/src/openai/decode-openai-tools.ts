import type { IrTool, IrToolChoice } from "../ir/chat-request.js";
import type { FieldReader } from "./create-field-reader.js";

/**
 * OpenAI `tools` → IR tools. Only function tools: custom (free-form grammar) tools are refused with a 400.
 * A function without `parameters` takes no arguments, as OpenAI documents.
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-tools
 */
export function decodeOpenAITools(value: unknown, r: FieldReader): IrTool[] {
  return r.array(value, "tools").map((item, i) => {
    const param = `tools[${i}]`;
    const tool = r.object(item, param);
    if (tool.type !== "function")
      r.fail("must be 'function' (custom tools are not supported)", `${param}.type`);
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
  });
}

/**
 * OpenAI `tool_choice` → IR. The `allowed_tools` and custom forms are refused with a 400.
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-tool_choice
 */
export function decodeOpenAIToolChoice(value: unknown, r: FieldReader): IrToolChoice {
  if (value === "none" || value === "auto" || value === "required") return { type: value };
  const choice = r.object(value, "tool_choice");
  if (choice.type !== "function")
    r.fail("must be 'none', 'auto', 'required' or a function choice", "tool_choice");
  const fn = r.object(choice.function, "tool_choice.function");
  return { type: "tool", name: r.string(fn.name, "tool_choice.function.name") };
}
