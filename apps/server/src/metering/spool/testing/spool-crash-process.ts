import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The built crash child (npm test builds before testing). */
const CHILD = fileURLToPath(
  new URL("../../../../dist/metering/spool/testing/spool-crash-child.js", import.meta.url),
);

/** A running crash child, once it said "ready". */
export interface CrashChild {
  child: ChildProcess;
  /** Kills it with SIGKILL (no shutdown code runs) and waits until it is gone. */
  kill(): Promise<void>;
}

/** Starts spool-crash-child.js and waits for its "ready" line. */
export function startCrashChild(
  sqlitePath: string,
  spoolDir: string,
  count: number,
  mode: "locked" | "free",
): Promise<CrashChild> {
  const child = spawn(process.execPath, [CHILD, sqlitePath, spoolDir, String(count), mode], {
    stdio: "pipe",
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let out = "";
  return new Promise((resolve, reject) => {
    child.stderr.on("data", (d) => (out += d));
    child.stdout.on("data", (d) => {
      out += d;
      if (out.includes("ready"))
        resolve({
          child,
          kill: async () => {
            child.kill("SIGKILL");
            await exited;
          },
        });
    });
    void exited.then(() => reject(new Error(`crash child exited early:\n${out}`)));
  });
}
