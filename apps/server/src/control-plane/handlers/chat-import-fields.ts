import { CHAT_TITLE_MAX } from "@gatehouse/contracts";

/** Small, total readers of untrusted JSON for the import parsers: they never throw. */

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The value when it is a string, else undefined. */
export function stringOf(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

/** A title that fits the store: trimmed, cut at 200 characters, "Imported chat" when empty. */
export function titleOf(v: unknown): string {
  const t = (stringOf(v) ?? "").trim().slice(0, CHAT_TITLE_MAX).trim();
  return t === "" ? "Imported chat" : t;
}

/** A model name that fits the store (≤ 200 characters), or the fallback. */
export function modelOf(v: unknown, fallback: string): string {
  const m = (stringOf(v) ?? "").trim().slice(0, 200);
  return m === "" ? fallback : m;
}

/** The latest time the store can hold as a JS number safely (year 2286 in ms is far below). */
const MAX_MS = 10_000_000_000_000;

/** Unix milliseconds from seconds (a number, ChatGPT), or undefined when absent or out of range. */
export function msFromSeconds(v: unknown): number | undefined {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0) return undefined;
  const ms = Math.round(v * 1000);
  return ms <= MAX_MS ? ms : undefined;
}

/** Unix milliseconds from an ISO date (LibreChat) or a millisecond number (Gatehouse). */
export function msFromDate(v: unknown): number | undefined {
  if (typeof v === "number") return Number.isInteger(v) && v >= 0 && v <= MAX_MS ? v : undefined;
  if (typeof v !== "string") return undefined;
  const ms = Date.parse(v);
  return Number.isFinite(ms) && ms >= 0 && ms <= MAX_MS ? ms : undefined;
}
