import { readFileSync } from "node:fs";
import { UsageError } from "../cli-error.js";
import { COMMON_HELP, type CommandIo, parseCommandArgs } from "../command.js";
import { applyPlan } from "../config-as-code/apply-plan.js";
import { actionTitle, formatPlan } from "../config-as-code/format-plan.js";
import { type ConfigFileError, parseConfigFile } from "../config-as-code/parse-config-file.js";
import { planChanges } from "../config-as-code/plan-changes.js";
import { readCurrentState } from "../config-as-code/read-current-state.js";
import { resolveCredentials } from "../config-as-code/resolve-credentials.js";
import { openCliStorage } from "../open-cli-storage.js";

export const APPLY_HELP = `Usage: gatehouse apply -f FILE [--dry-run] [--prune]

  Makes the default tenant's workspaces, providers, models and deployments match a YAML file
  (gatehouse export writes one to start from). Prints the plan (+ create, ~ update, -/+ replace,
  - delete), then carries it out step by step; applying the same file again changes nothing.
  Credentials are named by environment variable ({ env: VAR }), never written in the file, and are
  read when planning (the plan compares them with the stored ones, without showing either): an unset
  variable, like any error in the file, stops before anything is written, --dry-run included.
  Without --prune, what the file does not list is kept (and listed as kept).

Options:
  -f, --file FILE  the configuration file (version: 1)
  --dry-run        print the plan only; change nothing
  --prune          also delete the providers, models and deployments the file does not list
                   (workspaces are never deleted)
${COMMON_HELP}`;

/** `gatehouse apply -f FILE [--dry-run] [--prune]` */
export async function applyCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    file: { type: "string", short: "f" },
    "dry-run": { type: "boolean" },
    prune: { type: "boolean" },
  });
  if (values.help) {
    io.out(APPLY_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const file = values.file;
  if (!file) throw new UsageError("apply needs -f FILE");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    io.err(`gatehouse: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? "error"}`);
    return 1;
  }
  const parsed = parseConfigFile(text);
  if (!parsed.ok) return reportErrors(io, file, parsed.errors);
  const credentials = resolveCredentials(parsed.config, io.env, parsed.locate);
  if (!credentials.ok) return reportErrors(io, file, credentials.errors);
  const s = await openCliStorage(io, values["data-dir"]);
  try {
    const current = await readCurrentState(s.store, s.credentialVault, s.tenant.id);
    const plan = planChanges({ config: parsed.config, credentialDigests: credentials.digests }, current, {
      prune: values.prune === true,
    });
    io.out(formatPlan(plan));
    if (values["dry-run"]) {
      if (plan.actions.length > 0) io.out("\nDry run: nothing was changed.");
      return 0;
    }
    if (plan.actions.length === 0) return 0;
    io.out("");
    const result = await applyPlan(plan, {
      store: s.store,
      credentialVault: s.credentialVault,
      tenantId: s.tenant.id,
      secrets: credentials.secrets,
      progress: io.out,
    });
    if (!result.failed) {
      io.out(`\nApplied ${result.done.length} change${result.done.length === 1 ? "" : "s"}.`);
      return 0;
    }
    io.err(
      [
        `gatehouse: apply stopped at ${actionTitle(result.failed.action)}: ${result.failed.error.message}`,
        `  done before it: ${result.done.length} of ${plan.actions.length}; not attempted: ${result.notAttempted.length}.`,
        "  Fix the cause and run apply again: it plans from what is now stored.",
      ].join("\n"),
    );
    return 1;
  } finally {
    await s.store.close();
  }
}

function reportErrors(io: CommandIo, file: string, errors: ConfigFileError[]): number {
  for (const e of errors) io.err(`${file}:${e.line}:${e.column}: ${e.path ? `${e.path}: ` : ""}${e.message}`);
  io.err(
    `gatehouse: ${errors.length} problem${errors.length === 1 ? "" : "s"} in ${file}; nothing was applied.`,
  );
  return 1;
}
