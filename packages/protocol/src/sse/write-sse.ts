/**
 * Serializes one SSE event. Multi-line data is split into several `data:` lines, so any string survives.
 *
 * @example
 * writeSse({ event: "message_stop", data: '{"type":"message_stop"}' });
 * // 'event: message_stop\ndata: {"type":"message_stop"}\n\n'
 */
export function writeSse(ev: { event?: string; data: string }): string {
  const head = ev.event === undefined ? "" : `event: ${ev.event}\n`;
  if (ev.data.indexOf("\n") === -1 && ev.data.indexOf("\r") === -1) return `${head}data: ${ev.data}\n\n`;
  return `${head}${ev.data
    .split(/\r\n|\r|\n/)
    .map((l) => `data: ${l}\n`)
    .join("")}\n`;
}
