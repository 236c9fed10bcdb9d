// One clock for every process on the machine: wall time in ms with sub-ms precision. The mock upstream
// stamps chunks with it, so a client in another process can subtract the two.

/** Milliseconds since the epoch, with microsecond resolution. */
export function wallClockMs() {
  return performance.timeOrigin + performance.now();
}
