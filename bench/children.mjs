import { spawn } from "node:child_process";
import { once } from "node:events";
import { openSync } from "node:fs";

/**
 * Creates the registry of every child process the harness starts, so that all of them end on exit,
 * on Ctrl-C and on SIGTERM (no orphan nginx left holding a port).
 *
 * @example
 * const children = createChildren();
 * const nginx = children.start("nginx", ["nginx", "-p", dir], { core: 0, logFile: `${dir}/out.log` });
 * await children.stop(nginx);
 */
export function createChildren() {
  const running = new Set();

  const killAll = (signal) => {
    for (const child of running) {
      try {
        child.kill(signal);
      } catch {
        // already gone
      }
    }
  };

  const onSignal = (signal) => {
    process.stderr.write(`\nbench: ${signal}, stopping ${running.size} child process(es)\n`);
    killAll("SIGKILL");
    process.exit(130);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  // 'exit' handlers must be synchronous: SIGKILL is the only way to be sure here.
  process.on("exit", () => killAll("SIGKILL"));

  return {
    /**
     * Starts `argv` pinned to `core` with taskset; taskset execs the command, so the pid is the server's.
     * Output goes to `logFile` (or is ignored).
     */
    start(label, argv, { core, env, cwd, logFile } = {}) {
      const fd = logFile ? openSync(logFile, "a") : "ignore";
      const full = core === undefined ? argv : ["taskset", "-c", String(core), ...argv];
      const childEnv = { ...process.env, ...env };
      // A variable given as undefined is removed, not inherited.
      for (const [name, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[name];
      const child = spawn(full[0], full.slice(1), {
        cwd,
        env: childEnv,
        stdio: ["ignore", fd, fd],
      });
      child.label = label;
      running.add(child);
      child.on("exit", () => running.delete(child));
      child.on("error", (error) => {
        running.delete(child);
        process.stderr.write(`bench: ${label} failed to start: ${error.message}\n`);
      });
      return child;
    },

    /** Stops one child: SIGTERM, then SIGKILL after `graceMs`. */
    async stop(child, graceMs = 3000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },

    /** Stops every child still running. */
    async stopAll() {
      await Promise.all([...running].map((child) => this.stop(child)));
    },
  };
}
