import type { IrTool } from "../ir/chat-request.js";
import type { UnmodeledField } from "../ir/unmodeled-field.js";
import { decodeAnthropicCacheControl } from "./decode-anthropic-cache-control.js";
import {
  invalidField,
  optionalBoolean,
  optionalString,
  requireArray,
  requireRecord,
  requireString,
} from "./wire-validation.js";

/**
 * `tools` → IR tools. Client tools (no `type`, or `type: "custom"`) map one to one; server tools
 * (web_search, code_execution, bash, text_editor, computer, memory, web_fetch, ...) run inside
 * Anthropic's platform and cannot be routed elsewhere: they are listed in `unmodeled` and left out.
 * @see https://docs.anthropic.com/en/api/messages#body-tools
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/overview
 *
 * @example
 * decodeAnthropicTools([{ name: "f", input_schema: { type: "object" } }], "tools", []);
 * // [{ name: "f", parameters: { type: "object" } }]
 */
export function decodeAnthropicTools(
  value: unknown,
  param: string,
  unmodeled: UnmodeledField[],
): IrTool[] | undefined {
  if (value === undefined || value === null) return undefined;
  return requireArray(value, param).flatMap((item, i) => {
    const tool = decodeTool(item, `${param}.${i}`, unmodeled);
    return tool === undefined ? [] : [tool];
  });
}

function decodeTool(value: unknown, param: string, unmodeled: UnmodeledField[]): IrTool | undefined {
  const tool = requireRecord(value, param);
  const type = tool["type"];
  if (type !== undefined && type !== null && type !== "custom") {
    if (typeof type !== "string") throw invalidField(`${param}.type`, "must be a string");
    optionalString(tool["name"], `${param}.name`);
    unmodeled.push({
      param: `${param}.type`,
      reason: `server tool "${type}" is not supported by this gateway`,
    });
    return undefined;
  }
  const name = requireString(tool["name"], `${param}.name`);
  if (name === "") throw invalidField(`${param}.name`, "must not be empty");
  const out: IrTool = { name, parameters: requireRecord(tool["input_schema"], `${param}.input_schema`) };
  const description = optionalString(tool["description"], `${param}.description`);
  if (description !== undefined) out.description = description;
  const strict = optionalBoolean(tool["strict"], `${param}.strict`);
  if (strict !== undefined) out.strict = strict;
  const cache = decodeAnthropicCacheControl(tool["cache_control"], `${param}.cache_control`);
  if (cache !== undefined) out.cacheControl = cache;
  return out;
}
