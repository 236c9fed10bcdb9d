// Fuzzed bodies against one surface with a valid key: counts the answers by status class. A 5xx, or no
// answer at all, is a failure: its body is saved under `saveDir` and described in the result.
// Run: node bench/load/fuzz.mjs '{"origin":...,"surface":"openai","key":"gh_...","seed":1,"count":2000,
//   "saveDir":"bench/.work/<run>/fuzz-failures"}'
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Pool } from "undici";
import { fuzzBody } from "../fuzz/fuzz-body.mjs";
import { SURFACES } from "../fuzz/surface-requests.mjs";
import { runIfMain } from "./child-main.mjs";

const MAX_DESCRIBED = 100;

async function send(pool, request, timeoutMs) {
  try {
    const { statusCode, body } = await pool.request({
      ...request,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const text = await body.text();
    return { status: statusCode, answer: text.slice(0, 300) };
  } catch (error) {
    return { status: error.code ?? "error", answer: error.message.slice(0, 300) };
  }
}

/** The status class of an answer: "2xx" ... "5xx", or "no answer" for a socket error or timeout. */
export function statusClass(status) {
  return typeof status === "number" && status >= 100 && status < 600
    ? `${Math.floor(status / 100)}xx`
    : "no answer";
}

/**
 * Sends bodies 0 … count−1 of `surface` under `seed`, `concurrency` at a time; returns the counts per
 * status class, per status and per kind, and the failures (5xx, no answer) with what caused each.
 */
export async function fuzz({
  origin,
  surface,
  key,
  model = "bench-model",
  seed = 1,
  count = 2000,
  concurrency = 8,
  timeoutMs = 30_000,
  saveDir,
}) {
  const spec = SURFACES[surface];
  const pool = new Pool(origin, { connections: concurrency, pipelining: 1, keepAliveTimeout: 60_000 });
  const headers = { "content-type": "application/json", ...spec.headers(key) };
  const classes = { "2xx": 0, "3xx": 0, "4xx": 0, "5xx": 0, "no answer": 0 };
  const statuses = {};
  const byKind = {};
  const failures = [];
  let unanswered = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const index = next;
      next += 1;
      const fuzzed = fuzzBody(surface, { seed, index, model });
      const request = { path: spec.path(model), method: "POST", headers, body: fuzzed.body };
      const { status, answer } = await send(pool, request, timeoutMs);
      const cls = statusClass(status);
      classes[cls] += 1;
      statuses[status] = (statuses[status] ?? 0) + 1;
      byKind[fuzzed.kind] ??= {};
      byKind[fuzzed.kind][status] = (byKind[fuzzed.kind][status] ?? 0) + 1;
      if (cls !== "5xx" && cls !== "no answer") continue;
      unanswered += 1;
      const file = saveDir ? join(saveDir, `${surface}-${seed}-${index}.body`) : undefined;
      if (file) {
        mkdirSync(saveDir, { recursive: true });
        writeFileSync(file, fuzzed.body);
      }
      if (failures.length < MAX_DESCRIBED) {
        const { kind, detail, stream } = fuzzed;
        failures.push({
          surface,
          seed,
          index,
          kind,
          detail,
          stream,
          status,
          answer,
          bodyBytes: fuzzed.body.length,
          file,
        });
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  await pool.close();
  return {
    surface,
    seed,
    count,
    classes,
    statuses,
    byKind,
    unanswered, // 5xx and no answer: "failed" would read as the scenario's own failure
    failures,
    elapsedSec: (performance.now() - started) / 1000,
  };
}

runIfMain(import.meta.url, fuzz);
