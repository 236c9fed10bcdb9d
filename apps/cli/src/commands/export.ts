import { writeFileSync } from "node:fs";
import { UsageError } from "../cli-error.js";
import { COMMON_HELP, type CommandIo, parseCommandArgs } from "../command.js";
import { exportConfig } from "../config-as-code/export-config.js";
import { readCurrentState } from "../config-as-code/read-current-state.js";
import { openCliStorage } from "../open-cli-storage.js";

export const EXPORT_HELP = `Usage: gatehouse export [-o FILE]

  Writes the default tenant's workspaces, providers, models and deployments as a configuration file
  for gatehouse apply. Secrets are never exported: each provider credential becomes a reference to an
  environment variable named GATEHOUSE_<PROVIDER>_<FIELD> (e.g. GATEHOUSE_OPENAI_API_KEY), listed at
  the top of the file; set them (or edit the names) before applying it elsewhere.

Options:
  -o, --output FILE  write to FILE (default: standard output)
${COMMON_HELP}`;

/** `gatehouse export [-o FILE]` */
export async function exportCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { output: { type: "string", short: "o" } });
  if (values.help) {
    io.out(EXPORT_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const s = await openCliStorage(io, values["data-dir"]);
  let text: string;
  let counts: string;
  try {
    const { config } = await readCurrentState(s.store, s.credentialVault, s.tenant.id);
    text = exportConfig(config);
    counts = `${config.providers.length} providers and ${config.models.length} models`;
  } finally {
    await s.store.close();
  }
  if (values.output === undefined) {
    io.out(text.trimEnd());
    return 0;
  }
  try {
    writeFileSync(values.output, text);
  } catch (err) {
    io.err(`gatehouse: cannot write ${values.output}: ${(err as NodeJS.ErrnoException).code ?? "error"}`);
    return 1;
  }
  io.out(`Exported ${counts} to ${values.output}.`);
  return 0;
}
