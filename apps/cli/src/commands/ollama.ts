import { UsageError } from "../cli-error.js";
import { type CommandIo, parseCommandArgs, verbOf } from "../command.js";
import { formatTable } from "../format-table.js";
import {
  describeRemoteError,
  openRemoteSession,
  printResult,
  REMOTE_HELP,
  REMOTE_OPTIONS,
} from "../remote/remote-session.js";
import { formatBytes, progressLine } from "./ollama-progress.js";

export const OLLAMA_HELP = `Usage: gatehouse ollama <list|show|pull|delete|register> [MODEL] --provider NAME [options]

Remote (see gatehouse login): the local models of an Ollama provider of the profile's tenant
(docs/local-models.md).

  gatehouse ollama list --provider NAME [--json]
  gatehouse ollama show MODEL --provider NAME [--json]
  gatehouse ollama pull MODEL --provider NAME       (a progress bar while it downloads)
  gatehouse ollama delete MODEL --provider NAME
  gatehouse ollama register MODEL --provider NAME [--name CATALOG_NAME] [--json]

Options:
  --provider NAME  the Ollama provider, by name or ID
  --name NAME      the catalog name for register (default: the Ollama name)
${REMOTE_HELP}`;

const VERBS = ["list", "show", "pull", "delete", "register"] as const;

/** `gatehouse ollama list|show|pull|delete|register` */
export async function ollamaCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...REMOTE_OPTIONS,
    provider: { type: "string" },
    name: { type: "string" },
  });
  const [verbArg, model] = positionals;
  const verb = verbOf(io, { noun: "ollama", help: OLLAMA_HELP, verbs: [...VERBS] }, verbArg, values.help);
  if (typeof verb === "number") return verb;
  if (verb !== "list" && !model) throw new UsageError(`ollama ${verb} needs the model's name`);
  if (!values.provider) throw new UsageError("--provider NAME is required (see gatehouse providers list)");
  const session = openRemoteSession(io, values);
  const tenantId = session.tenantId();
  const c = session.client;
  const providerId = await session.run("Finding the provider", async () => {
    for await (const p of c.paginate("providers.list", { params: { tenantId }, query: { limit: 200 } })) {
      if (p.name === values.provider || p.id === values.provider) return p.id;
    }
    throw new UsageError(`no provider "${values.provider}" (see gatehouse providers list)`);
  });
  const params = { tenantId, providerId };
  if (verb === "list") {
    const { items } = await session.run("Listing models", () => c.ollama.listModels({ params }));
    printResult(io, values.json, items, () =>
      formatTable(
        ["NAME", "SIZE", "FAMILY", "PARAMETERS", "QUANTIZATION", "MODIFIED"],
        items.map((m) => [
          m.name,
          formatBytes(m.size),
          m.details.family ?? "",
          m.details.parameterSize ?? "",
          m.details.quantization ?? "",
          m.modifiedAt ?? "",
        ]),
      ),
    );
    return 0;
  }
  if (verb === "show") {
    const info = await session.run("Reading the model", () =>
      c.ollama.showModel({ params: { ...params, model: model! } }),
    );
    printResult(io, values.json, info, () =>
      [
        `${info.name}: ${info.details.family ?? "?"} ${info.details.parameterSize ?? ""} ${info.details.quantization ?? ""}`.trim(),
        `capabilities: ${info.capabilities.join(", ") || "-"}`,
        `context length: ${info.contextLength ?? "?"}`,
      ].join("\n"),
    );
    return 0;
  }
  if (verb === "delete") {
    await session.run("Deleting the model", () =>
      c.ollama.deleteModel({ params: { ...params, model: model! } }),
    );
    io.out(`Deleted ${model}.`);
    return 0;
  }
  if (verb === "register") {
    const created = await session.run("Adding to the catalog", () =>
      c.ollama.registerModel({
        params,
        body: { model: model!, ...(values.name ? { name: values.name } : {}) },
      }),
    );
    printResult(io, values.json, created, () => `Model ${created.name} (${created.id}) routes to ${model}.`);
    return 0;
  }
  return pull(io, session, params, model!);
}

async function pull(
  io: CommandIo,
  session: ReturnType<typeof openRemoteSession>,
  params: { tenantId: string; providerId: string },
  model: string,
): Promise<number> {
  const bar = io.tty?.isTTY ? io.tty : undefined;
  let last = "";
  try {
    for await (const e of session.client.events("ollama.pullModel", { params, body: { model } })) {
      const data = JSON.parse(e.data) as {
        status?: string;
        total?: number;
        completed?: number;
        message?: string;
      };
      if (e.event === "error") {
        bar?.write("\n");
        io.err(`error: ${data.message ?? "the pull failed"}`);
        return 1;
      }
      if (e.event === "success") {
        bar?.write("\n");
        io.out(data.message ?? `Pulled ${model}.`);
        return 0;
      }
      const line = progressLine(data);
      // On a terminal the bar redraws in place; in a log, one line per change of step or tenth.
      if (bar) bar.write(`\r${line.text}`);
      else if (line.key !== last) io.out(line.text);
      last = line.key;
    }
  } catch (err) {
    throw describeRemoteError(err, session.profile.url);
  }
  io.err("error: the pull ended without a result");
  return 1;
}
