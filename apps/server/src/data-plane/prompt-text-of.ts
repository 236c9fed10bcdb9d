import type { IrChatRequest } from "@gatehouse/protocol";

/**
 * The prompt text of an IR request (system, text parts, tool calls' arguments, tool results' text),
 * one part per line: what a tokenizer counts when the upstream reported no usage. The same parts as
 * promptCharsOf. Built only when needed (the meter calls it for records without reported usage).
 *
 * @example
 * promptTextOf(ir); // "You are terse.\nHello there"
 */
export function promptTextOf(ir: IrChatRequest): string {
  const parts: string[] = [];
  for (const p of ir.system ?? []) parts.push(p.text);
  for (const m of ir.messages) {
    for (const p of m.content) {
      if (p.type === "text" || p.type === "reasoning") parts.push(p.text);
      else if (p.type === "tool_call") parts.push(p.arguments);
      else if (p.type === "tool_result") for (const c of p.content) if (c.type === "text") parts.push(c.text);
    }
  }
  return parts.join("\n");
}
