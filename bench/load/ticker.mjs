// A precise metronome for open-loop load. Node's timers have a resolution of 1 ms (and may fire early or
// a tick late), too coarse for 2 ms spacing; a worker thread sleeping with Atomics.wait (sub-ms timeout)
// posts each tick instead, which the main thread receives within ~0.1–0.2 ms of its due time, without
// spinning a core that the mock upstream shares.
import { Worker } from "node:worker_threads";

const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { startWallMs, intervalMs, total } = workerData;
const cell = new Int32Array(new SharedArrayBuffer(4));
for (let i = 0; i < total; i += 1) {
  const wait = startWallMs + i * intervalMs - (performance.timeOrigin + performance.now());
  if (wait > 0) Atomics.wait(cell, 0, 0, wait);
  parentPort.postMessage(i);
}
`;

/**
 * Calls `onTick(i, dueAt)` for i = 0 … total−1 at `start + i·intervalMs` (`start`, `dueAt` in this
 * thread's performance.now() ms); resolves after the last tick.
 *
 * @example
 * await tick({ start: performance.now() + 20, intervalMs: 2, total: 1000 }, (i, dueAt) => send(dueAt));
 */
export function tick({ start, intervalMs, total }, onTick) {
  const startWallMs = performance.timeOrigin + start;
  const worker = new Worker(WORKER, { eval: true, workerData: { startWallMs, intervalMs, total } });
  return new Promise((resolve, reject) => {
    worker.on("message", (i) => {
      onTick(i, start + i * intervalMs);
      if (i === total - 1) worker.terminate().then(() => resolve());
    });
    worker.on("error", reject);
  });
}
