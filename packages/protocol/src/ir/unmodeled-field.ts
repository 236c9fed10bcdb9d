/**
 * A feature of a client's request that is valid in the client's protocol but that the IR cannot carry
 * (OpenAI `n > 1`, Anthropic server tools, Gemini's Google Search tool, ...). A lenient decoder lists it
 * here and leaves it out of the IR request; the request is still complete for a same-protocol upstream,
 * which gets the client's own bytes, but converting it to another protocol would answer a different
 * question.
 */
export interface UnmodeledField {
  /** The parameter's path in the client's own notation (`n`, `tools.2.type`, `tools[0].googleSearch`). */
  param: string;
  /** Why the IR cannot carry it, as a sentence fragment (`is a server tool, run by Anthropic`). */
  reason: string;
}
