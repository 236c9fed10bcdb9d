const WIDTH = 30;

/**
 * One line of pull progress: `pulling a80c4f17acd5 [#########.....]  50% 1.0 GB/2.0 GB`, and a key that
 * changes with the step or each tenth of it (so a log gets a line per change, not per chunk).
 */
export function progressLine(p: { status?: string; total?: number; completed?: number }): {
  text: string;
  key: string;
} {
  const status = p.status ?? "";
  if (p.total === undefined || p.total <= 0) return { text: status, key: status };
  const fraction = Math.min(1, (p.completed ?? 0) / p.total);
  const filled = Math.round(fraction * WIDTH);
  const percent = Math.floor(fraction * 100);
  const bar = `[${"#".repeat(filled)}${".".repeat(WIDTH - filled)}]`;
  const sizes = `${formatBytes(p.completed ?? 0)}/${formatBytes(p.total)}`;
  return {
    text: `${status} ${bar} ${String(percent).padStart(3)}% ${sizes}`,
    key: `${status} ${Math.floor(percent / 10)}`,
  };
}

/** Bytes as people read them (1.9 GB). */
export function formatBytes(n: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = n;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
