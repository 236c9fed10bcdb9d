import { UsageError } from "../cli-error.js";
import { COMMON_HELP, type CommandIo, parseCommandArgs } from "../command.js";
import { formatTable } from "../format-table.js";
import { openCliStorage } from "../open-cli-storage.js";

export const MODELS_HELP = `Usage: gatehouse models list [--json]

  Lists the models clients can ask for, with the providers that serve them.
  Models are created by \`gatehouse providers add NAME --models ...\`.

Options:
  --json   machine-readable output
${COMMON_HELP}`;

/** `gatehouse models list` */
export async function modelsCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: "boolean" } });
  const [verb] = positionals;
  if (values.help || verb === undefined) {
    io.out(MODELS_HELP);
    return values.help ? 0 : 2;
  }
  if (verb !== "list") throw new UsageError(`unknown models command '${verb}'`);
  const s = await openCliStorage(io, values["data-dir"]);
  try {
    const [models, providers] = await Promise.all([
      s.store.models.list(s.tenant.id),
      s.store.providers.list(s.tenant.id),
    ]);
    const names = new Map(providers.map((p) => [p.id, p.name]));
    const rows = models.map((m) => ({
      id: m.id,
      name: m.name,
      deployments: m.deployments.map((d) => ({
        provider: names.get(d.providerId) ?? d.providerId,
        upstreamModel: d.upstreamModel,
        weight: d.weight,
        priority: d.priority,
      })),
    }));
    if (values.json) io.out(JSON.stringify(rows));
    else
      io.out(
        formatTable(
          ["ID", "NAME", "DEPLOYMENTS"],
          rows.map((m) => [
            m.id,
            m.name,
            m.deployments.map((d) => `${d.provider}:${d.upstreamModel}`).join(", ") || "none",
          ]),
        ),
      );
    return 0;
  } finally {
    await s.store.close();
  }
}
