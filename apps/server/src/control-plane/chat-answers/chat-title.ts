import { callOwnGateway, type OwnGateway, readBounded } from "./gateway-chat-call.js";

/** The title a conversation starts with (conversations.create's default). */
export const DEFAULT_CHAT_TITLE = "New chat";
/** How long a heuristic title may be, in characters. */
const FROM_QUESTION_MAX = 60;
/** How long a model's title may be, in characters. */
const MODEL_TITLE_MAX = 80;
/** The most of the question the title model reads (a title needs the gist, not a pasted file). */
const QUESTION_EXCERPT = 2000;
const TITLE_TIMEOUT_MS = 15_000;

const INSTRUCTION =
  "Write a short title (at most 6 words) for a conversation that starts with the user's message below. " +
  "Answer with the title only: no quotes, no final punctuation.";

/**
 * A title made from the first question: code fences dropped, whitespace collapsed, at most `max`
 * characters, cut at a word boundary when one is near, with an ellipsis when cut; empty text gives the
 * default title.
 *
 * @example
 * titleFromQuestion("What is the capital of Portugal?"); // "What is the capital of Portugal?"
 */
export function titleFromQuestion(text: string, max = FROM_QUESTION_MAX): string {
  // Code fences (```python) say nothing a title needs; their code stays.
  const flat = text
    .replace(/```[\w+-]*/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (flat === "") return DEFAULT_CHAT_TITLE;
  const chars = Array.from(flat);
  if (chars.length <= max) return flat;
  const cut = chars.slice(0, max - 1).join("");
  const space = cut.lastIndexOf(" ");
  const head = space >= max / 2 ? cut.slice(0, space) : cut;
  return `${head.trimEnd()}…`;
}

/**
 * A model's answer made a title: its first line, markdown emphasis and a "Title:" prefix dropped,
 * surrounding quotes and trailing punctuation removed, whitespace collapsed, at most 80 characters (cut
 * at a word). Undefined when nothing usable is left.
 *
 * @example
 * cleanModelTitle('"Lisbon Weekend Trip."'); // "Lisbon Weekend Trip"
 */
export function cleanModelTitle(raw: string): string | undefined {
  let t = (raw.split(/\r?\n/).find((line) => line.trim() !== "") ?? "").trim();
  t = t.replace(/^#+\s*/, "").replace(/^title\s*:\s*/i, "");
  t = t.replace(/[*_`]+/g, "");
  for (let i = 0; i < 3; i++) {
    t = t
      .trim()
      .replace(/^["'“”‘’«»]+|["'“”‘’«»]+$/g, "")
      .replace(/[.!?:;,。]+$/u, "");
  }
  t = t.replace(/\s+/g, " ").trim();
  if (t === "") return undefined;
  const chars = Array.from(t);
  if (chars.length <= MODEL_TITLE_MAX) return t;
  const cut = chars.slice(0, MODEL_TITLE_MAX).join("");
  const space = cut.lastIndexOf(" ");
  return (space >= MODEL_TITLE_MAX / 2 ? cut.slice(0, space) : cut).trimEnd();
}

/**
 * The title of a conversation whose first question is `question`: asked of `model` through the data
 * plane with the user's key (so it is the user's metered traffic: a short prompt, `max_tokens` 20), or,
 * when no model is configured or anything fails (refusal, timeout, an empty answer), the heuristic.
 *
 * @see https://platform.openai.com/docs/api-reference/chat/create
 * @example
 * await chatTitle(gateway, "openai/gpt-4o-mini", key, "Plan a weekend in Lisbon"); // "Weekend in Lisbon"
 */
export async function chatTitle(
  gateway: OwnGateway,
  model: string | undefined,
  key: string,
  question: string,
): Promise<{ title: string; byModel: boolean }> {
  const fallback = { title: titleFromQuestion(question), byModel: false };
  if (model === undefined) return fallback;
  const signal = AbortSignal.timeout(TITLE_TIMEOUT_MS);
  try {
    const res = await callOwnGateway(
      gateway,
      key,
      {
        model,
        messages: [
          { role: "system", content: INSTRUCTION },
          { role: "user", content: Array.from(question).slice(0, QUESTION_EXCERPT).join("") },
        ],
        max_tokens: 20,
        temperature: 0.2,
      },
      signal,
    );
    // Bounded like any control-plane read: a title answer is a few hundred bytes.
    const text = await readBounded(res.body, 256 * 1024);
    const body = JSON.parse(text) as { choices?: { message?: { content?: unknown } }[] };
    const content = body.choices?.[0]?.message?.content;
    const title = typeof content === "string" ? cleanModelTitle(content) : undefined;
    return title === undefined ? fallback : { title, byModel: true };
  } catch {
    return fallback;
  }
}
