import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The built CLI entry point (npm test builds before testing). */
export const CLI_MAIN = fileURLToPath(new URL("../../dist/main.js", import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `gatehouse ARGS` to completion, with `input` on its standard input (closed at once when none). */
export function runCli(args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_MAIN, ...args], {
      env: { ...process.env, ...env },
      stdio: "pipe",
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** A running `gatehouse start`, with its output so far. */
export interface RunningCli {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `gatehouse start` and waits for its "listening on" line. */
export function startCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 20_000): Promise<RunningCli> {
  const child = spawn(process.execPath, [CLI_MAIN, "start", "--host", "127.0.0.1", ...args], {
    env: { ...process.env, LOG_LEVEL: "info", ...env },
    stdio: "pipe",
  });
  let out = "";
  const exited = new Promise<number | null>((r) => child.on("close", (code) => r(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`gatehouse start did not listen in time:\n${out}`)),
      timeoutMs,
    );
    const onData = (d: Buffer) => {
      out += d;
      const m = /Gatehouse listening on (http:\/\/[\d.]+:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, output: () => out, exited });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (d) => (out += d));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`gatehouse start exited with ${code}:\n${out}`));
    });
  });
}
