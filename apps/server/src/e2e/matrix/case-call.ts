/**
 * A client-neutral description of one conversion-matrix request, which each surface's driver writes in
 * its own protocol through its official SDK, and what a driver reads back.
 */
export interface CaseCall {
  model: string;
  stream: boolean;
  /** The last user text; default "Say hello" (no tool trigger). */
  user?: string;
  /** Declare the `lookup` tool. */
  tools?: boolean;
  /** Declare `lookup` and then `fetch` (implies tools). */
  twoTools?: boolean;
  /** The tool choice, written in the client's own form (needs tools). */
  toolChoice?: CaseToolChoice;
  /** Prepend a finished parallel exchange: `lookup` and `fetch` called in one turn, both results back. */
  parallelHistory?: boolean;
  /** Prepend a finished tool exchange: user asks, assistant calls `lookup` {q:"x"}, the tool answers. */
  toolHistory?: boolean;
  /** An image part next to the user text. */
  image?: { base64: string; mime: string } | { url: string };
  sampling?: { temperature: number; topP: number; stop: string[]; topK?: number; seed?: number };
  maxTokens?: number;
  json?: "object" | "schema";
  /** Ask for reasoning: OpenAI reasoning_effort "low", Anthropic thinking budget, Gemini thinkingConfig. */
  reasoning?: boolean;
  /** Anthropic only: an earlier assistant turn opening with this thinking block (sent back byte-exact). */
  thinkingHistory?: { thinking: string; signature: string };
  /** Extra request headers (fake controls such as x-fake-mode). */
  headers?: Record<string, string>;
}

/** A client-neutral tool choice: auto, none, required (Anthropic "any", Gemini ANY) or one named tool. */
export type CaseToolChoice = { type: "auto" | "none" | "required" } | { type: "tool"; name: string };

/** What a test reads back from a client SDK, whatever its protocol. */
export interface CaseOutcome {
  text: string;
  toolCalls: Array<{ name: string; args: unknown }>;
  finish: string;
  /** Reasoning text in the client's shape (reasoning_content, thinking blocks, thought parts). */
  reasoning: string;
  /** Signature of the reasoning, where the client format carries one. */
  signature?: string;
  /** The x-gatehouse-warnings response header ("" when absent). */
  warnings: string;
}

/** One client surface, driven through its official SDK. */
export interface CaseDriver {
  name: "openai" | "anthropic" | "gemini";
  run(call: CaseCall): Promise<CaseOutcome>;
}

export const TOOL = {
  name: "lookup",
  description: "Looks a thing up",
  parameters: { type: "object", properties: { q: { type: "string" } }, required: ["q"] },
};

/** The second tool of {@link CaseCall.twoTools}. */
export const TOOL_2 = {
  name: "fetch",
  description: "Fetches a thing",
  parameters: { type: "object", properties: { q: { type: "string" } }, required: ["q"] },
};

/** The tools a call declares: none, `lookup`, or `lookup` and `fetch`. */
export function declaredTools(c: CaseCall): Array<typeof TOOL> {
  if (c.twoTools || c.parallelHistory) return [TOOL, TOOL_2];
  return c.tools || c.toolHistory ? [TOOL] : [];
}

/** The parallel exchange of {@link CaseCall.parallelHistory}: results answer in the calls' order. */
export const PARALLEL_HISTORY = {
  ask: "Look two things up",
  calls: [
    { id: "call_par_1", name: "lookup", args: { q: "x" }, result: "42 results" },
    { id: "call_par_2", name: "fetch", args: { q: "y" }, result: "7 pages" },
  ],
} as const;

/** The tool exchange of {@link CaseCall.toolHistory}. */
export const HISTORY = {
  ask: "Look something up",
  callId: "call_hist_1",
  args: { q: "x" },
  result: "42 results",
} as const;

export const JSON_SCHEMA = {
  type: "object",
  properties: { answer: { type: "string" } },
  required: ["answer"],
  additionalProperties: false,
};

export const SAMPLING = { temperature: 0.3, topP: 0.9, stop: ["ZZSTOP"], topK: 7, seed: 42 };

/** The user text of a call. */
export function userText(call: CaseCall): string {
  return call.user ?? "Say hello";
}
