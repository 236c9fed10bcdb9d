import type { IrTextPart } from "../ir/content.js";
import { decodeAnthropicCacheControl } from "./decode-anthropic-cache-control.js";
import { invalidField, requireArray, requireRecord, requireString } from "./wire-validation.js";

/**
 * The `system` prompt (a string, or text blocks that may carry cache_control) → IR text parts.
 * An empty string means no system prompt.
 * @see https://docs.anthropic.com/en/api/messages#body-system
 *
 * @example
 * decodeAnthropicSystem("Be brief.", "system"); // [{ type: "text", text: "Be brief." }]
 */
export function decodeAnthropicSystem(value: unknown, param: string): IrTextPart[] {
  if (value === undefined || value === null) return [];
  if (typeof value === "string") return value === "" ? [] : [{ type: "text", text: value }];
  return requireArray(value, param).map((item, i) => {
    const block = requireRecord(item, `${param}.${i}`);
    if (block["type"] !== "text") throw invalidField(`${param}.${i}.type`, 'must be "text"');
    const part: IrTextPart = { type: "text", text: requireString(block["text"], `${param}.${i}.text`) };
    const cache = decodeAnthropicCacheControl(block["cache_control"], `${param}.${i}.cache_control`);
    if (cache !== undefined) part.cacheControl = cache;
    return part;
  });
}
