#!/usr/bin/env -S node --max-semi-space-size=4
import { type Command, run } from "./run.js";

// Each command's module is loaded only when it runs: the remote commands then start without loading
// the server (a few hundred milliseconds instead of seconds on a busy machine).
const lazy =
  <M>(load: () => Promise<M>, pick: (m: M) => Command): Command =>
  async (args, io) =>
    pick(await load())(args, io);

const code = await run(
  process.argv.slice(2),
  {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
    // A getter: only a command that reads standard input (login) should open it.
    get stdin() {
      return process.stdin;
    },
    tty: { isTTY: process.stderr.isTTY === true, write: (text) => void process.stderr.write(text) },
  },
  {
    start: lazy(
      () => import("./commands/start.js"),
      (m) => m.startCommand,
    ),
    keys: lazy(
      () => import("./commands/keys.js"),
      (m) => m.keysCommand,
    ),
    providers: lazy(
      () => import("./commands/providers.js"),
      (m) => m.providersCommand,
    ),
    models: lazy(
      () => import("./commands/models.js"),
      (m) => m.modelsCommand,
    ),
    apply: lazy(
      () => import("./commands/apply.js"),
      (m) => m.applyCommand,
    ),
    export: lazy(
      () => import("./commands/export.js"),
      (m) => m.exportCommand,
    ),
    login: lazy(
      () => import("./commands/login.js"),
      (m) => m.loginCommand,
    ),
    logout: lazy(
      () => import("./commands/logout.js"),
      (m) => m.logoutCommand,
    ),
    whoami: lazy(
      () => import("./commands/whoami.js"),
      (m) => m.whoamiCommand,
    ),
    profiles: lazy(
      () => import("./commands/profiles.js"),
      (m) => m.profilesCommand,
    ),
    tenants: lazy(
      () => import("./commands/tenants.js"),
      (m) => m.tenantsCommand,
    ),
    workspaces: lazy(
      () => import("./commands/workspaces.js"),
      (m) => m.workspacesCommand,
    ),
    members: lazy(
      () => import("./commands/members.js"),
      (m) => m.membersCommand,
    ),
    invite: lazy(
      () => import("./commands/invite.js"),
      (m) => m.inviteCommand,
    ),
    "api-keys": lazy(
      () => import("./commands/api-keys.js"),
      (m) => m.apiKeysCommand,
    ),
    limits: lazy(
      () => import("./commands/limits.js"),
      (m) => m.limitsCommand,
    ),
    audit: lazy(
      () => import("./commands/audit.js"),
      (m) => m.auditCommand,
    ),
    prices: lazy(
      () => import("./commands/prices.js"),
      (m) => m.pricesCommand,
    ),
    budgets: lazy(
      () => import("./commands/budgets.js"),
      (m) => m.budgetsCommand,
    ),
    ollama: lazy(
      () => import("./commands/ollama.js"),
      (m) => m.ollamaCommand,
    ),
    billing: lazy(
      () => import("./commands/billing.js"),
      (m) => m.billingCommand,
    ),
    usage: lazy(
      () => import("./commands/usage.js"),
      (m) => m.usageCommand,
    ),
    credentials: lazy(
      () => import("./commands/credentials.js"),
      (m) => m.credentialsCommand,
    ),
  },
);
process.exitCode = code;
