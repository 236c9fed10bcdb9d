import type { IrChatRequest } from "@gatehouse/protocol";

/** The characters of prompt text in an IR request (system, text parts, tool results), for estimates. */
export function promptCharsOf(ir: IrChatRequest): number {
  let n = 0;
  for (const p of ir.system ?? []) n += p.text.length;
  for (const m of ir.messages) {
    for (const p of m.content) {
      if (p.type === "text" || p.type === "reasoning") n += p.text.length;
      else if (p.type === "tool_call") n += p.arguments.length;
      else if (p.type === "tool_result") for (const c of p.content) if (c.type === "text") n += c.text.length;
    }
  }
  return n;
}
