#!/usr/bin/env -S node --max-semi-space-size=4
import { applyCommand } from "./commands/apply.js";
import { credentialsCommand } from "./commands/credentials.js";
import { exportCommand } from "./commands/export.js";
import { keysCommand } from "./commands/keys.js";
import { modelsCommand } from "./commands/models.js";
import { providersCommand } from "./commands/providers.js";
import { startCommand } from "./commands/start.js";
import { run } from "./run.js";

const code = await run(
  process.argv.slice(2),
  {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
  },
  {
    start: startCommand,
    keys: keysCommand,
    providers: providersCommand,
    models: modelsCommand,
    apply: applyCommand,
    export: exportCommand,
    credentials: credentialsCommand,
  },
);
process.exitCode = code;
