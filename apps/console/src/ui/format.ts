/** Formatting shared by every page: money from integer nano-USD, token counts, times and durations. */

const NANO_PER_USD = 1_000_000_000;

/** `1234567890` nano-USD → `$1.23`; small amounts keep significant digits (`$0.00042`). */
export function formatUsd(nano: number | bigint | string | null | undefined): string {
  if (nano === null || nano === undefined) return "—";
  const usd = Number(nano) / NANO_PER_USD;
  if (usd === 0) return "$0.00";
  const abs = Math.abs(usd);
  const digits = abs >= 1 ? 2 : Math.min(8, Math.max(2, 1 - Math.floor(Math.log10(abs)) + 1));
  return `${usd < 0 ? "-" : ""}$${abs.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: digits })}`;
}

/** `12345` → `12.3K`, `1234567` → `1.23M`; below 1000 the exact count. */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined) return "—";
  const abs = Math.abs(n);
  if (abs < 1000) return String(n);
  const [div, unit] = abs >= 1e9 ? [1e9, "B"] : abs >= 1e6 ? [1e6, "M"] : [1e3, "K"];
  const v = n / div;
  return `${v.toLocaleString("en-US", { maximumFractionDigits: Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2 })}${unit}`;
}

/** Milliseconds as `850 ms`, `1.25 s`, `2 min 5 s`. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const min = Math.floor(ms / 60_000);
  return `${min} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** An ISO time (or epoch ms) in the browser's locale: `6 Dec 2026, 08:31:05`. */
export function formatTime(t: string | number | null | undefined): string {
  if (t === null || t === undefined) return "—";
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return "—";
  return d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" });
}

/** How long ago, coarsely: `just now`, `5 min ago`, `3 h ago`, `2 days ago`; `never` for none. */
export function formatAgo(t: string | number | null | undefined, now = Date.now()): string {
  if (t === null || t === undefined) return "never";
  const s = Math.round((now - new Date(t).getTime()) / 1000);
  if (Number.isNaN(s)) return "never";
  if (s < 45) return "just now";
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} days ago`;
}

/** A fraction as a percentage: `0.0123` → `1.2 %`. */
export function formatPercent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || Number.isNaN(fraction)) return "—";
  return `${(fraction * 100).toLocaleString("en-US", { maximumFractionDigits: fraction < 0.1 ? 1 : 0 })} %`;
}
