import type { Body, putPriceBookEntry } from "@gatehouse/contracts";
import { parseUsdPerMTok } from "@gatehouse/server";
import { UsageError } from "../cli-error.js";
import { type CommandIo, parseCommandArgs, verbOf } from "../command.js";
import { formatTable, formatTime } from "../format-table.js";
import { formatUsd } from "../format-usd.js";
import {
  firstItems,
  openRemoteSession,
  parseLimit,
  printResult,
  REMOTE_HELP,
  REMOTE_OPTIONS,
} from "../remote/remote-session.js";

export const PRICES_HELP = `Usage: gatehouse prices list [--provider P] [--model M] [--book] [--limit N] [--json]
       gatehouse prices set MODEL --input USD --output USD [--cache-read USD] [--cache-write-5m USD]
                            [--cache-write-1h USD] [--reasoning USD] [--image-input USD]
                            [--audio-input USD] [--audio-output USD]
       gatehouse prices unset MODEL
       gatehouse prices settings [--markup PERCENT] [--unpriced refuse|record]

Remote (see gatehouse login). Prices are USD per million tokens ("2.50"), kept exactly in nano-USD.
  list      the shipped catalog (every version), or with --book the tenant's own price book
  set       the tenant's price for one model name: it wins over the model's prices and the catalog
  unset     remove it (the model's prices or the catalog apply again)
  settings  show or change the markup added to every cost (e.g. 20 for +20 %) and whether requests for
            models without any price are refused (403 model_not_priced) or recorded at 0, flagged

Options:
  --provider P    catalog entries of one provider (openai, anthropic, google, ollama)
  --model M       catalog entries naming M; with --book, entries starting with M
  --limit N       at most N rows (default 50)
${REMOTE_HELP}`;

const RATE_OPTIONS = {
  input: "input",
  output: "output",
  "cache-read": "cacheRead",
  "cache-write-5m": "cacheWrite5m",
  "cache-write-1h": "cacheWrite1h",
  reasoning: "reasoning",
  "image-input": "imageInput",
  "audio-input": "audioInput",
  "audio-output": "audioOutput",
} as const;

type Prices = Body<typeof putPriceBookEntry>["prices"];

/** `gatehouse prices list|set|unset|settings` */
export async function pricesCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...REMOTE_OPTIONS,
    provider: { type: "string" },
    model: { type: "string" },
    book: { type: "boolean" },
    limit: { type: "string" },
    markup: { type: "string" },
    unpriced: { type: "string" },
    ...Object.fromEntries(Object.keys(RATE_OPTIONS).map((k) => [k, { type: "string" as const }])),
  });
  const spec = { noun: "prices", help: PRICES_HELP, verbs: ["list", "set", "unset", "settings"] as const };
  const verb = verbOf(io, spec, positionals[0], values.help);
  if (typeof verb === "number") return verb;
  const rates = values as unknown as Record<string, string | undefined>;
  if (verb === "set") {
    const model = positionals[1];
    if (!model) throw new UsageError("prices set needs the model name");
    const prices = parseRates(rates);
    const session = openRemoteSession(io, values);
    const entry = await session.run("Setting the price", () =>
      session.client.pricing.putEntry({ params: { tenantId: session.tenantId() }, body: { model, prices } }),
    );
    printResult(io, values.json, entry, () => `Priced ${entry.model}: ${describeRates(entry.prices)}.`);
    return 0;
  }
  if (verb === "unset") {
    const model = positionals[1];
    if (!model) throw new UsageError("prices unset needs the model name");
    const session = openRemoteSession(io, values);
    await session.run("Removing the price", () =>
      session.client.pricing.deleteEntry({ params: { tenantId: session.tenantId() }, query: { model } }),
    );
    printResult(io, values.json, { model }, () => `Removed the price book entry of ${model}.`);
    return 0;
  }
  if (verb === "settings") return settings(io, values);
  return list(io, values);
}

async function settings(
  io: CommandIo,
  values: {
    markup?: string | undefined;
    unpriced?: string | undefined;
    json?: boolean | undefined;
  } & Parameters<typeof openRemoteSession>[1],
): Promise<number> {
  const patch: { markupBps?: number; unpricedModels?: "refuse" | "record" } = {};
  if (values.markup !== undefined) patch.markupBps = parsePercentBps(values.markup);
  if (values.unpriced !== undefined) {
    if (values.unpriced !== "refuse" && values.unpriced !== "record")
      throw new UsageError("--unpriced must be refuse or record");
    patch.unpricedModels = values.unpriced;
  }
  const session = openRemoteSession(io, values);
  const params = { tenantId: session.tenantId() };
  const result =
    Object.keys(patch).length === 0
      ? await session.run("Reading the settings", () => session.client.pricing.getSettings({ params }))
      : await session.run("Saving the settings", () =>
          session.client.pricing.updateSettings({ params, body: patch }),
        );
  printResult(
    io,
    values.json,
    result,
    () => `Markup: ${formatBps(result.markupBps)} %\nUnpriced models: ${result.unpricedModels}`,
  );
  return 0;
}

async function list(
  io: CommandIo,
  values: {
    provider?: string | undefined;
    model?: string | undefined;
    book?: boolean | undefined;
    limit?: string | undefined;
    json?: boolean | undefined;
  } & Parameters<typeof openRemoteSession>[1],
): Promise<number> {
  const limit = parseLimit(values.limit);
  const session = openRemoteSession(io, values);
  const params = { tenantId: session.tenantId() };
  const model = values.model === undefined ? {} : { model: values.model };
  if (values.book) {
    const query = { limit: Math.min(limit, 200), ...model };
    const entries = await session.run("Listing the price book", () =>
      firstItems(session.client.paginate("pricing.listBook", { params, query }), limit),
    );
    printResult(io, values.json, entries, () =>
      formatTable(
        ["MODEL", "INPUT", "OUTPUT", "OTHER", "UPDATED"],
        entries.map((e) => [
          e.model,
          formatUsd(e.prices.input),
          formatUsd(e.prices.output),
          describeExtras(e.prices),
          formatTime(e.updatedAt),
        ]),
      ),
    );
    return 0;
  }
  const query = {
    limit: Math.min(limit, 200),
    ...model,
    ...(values.provider === undefined ? {} : { provider: values.provider }),
  };
  const entries = await session.run("Listing the price catalog", () =>
    firstItems(session.client.paginate("pricing.catalog", { params, query }), limit),
  );
  printResult(io, values.json, entries, () =>
    formatTable(
      ["VERSION", "INPUT", "OUTPUT", "OTHER", "FROM"],
      entries.map((e) => [
        e.version,
        formatUsd(e.prices.input),
        formatUsd(e.prices.output),
        describeExtras(e.prices),
        new Date(e.effectiveFrom).toISOString().slice(0, 10),
      ]),
    ),
  );
  return 0;
}

/** The rate options given, in nano-USD per million tokens; --input and --output are required. */
export function parseRates(values: Record<string, string | undefined>): Prices {
  if (values.input === undefined || values.output === undefined)
    throw new UsageError("prices set needs --input and --output (USD per million tokens, e.g. 2.50)");
  const prices: Record<string, number> = {};
  for (const [option, field] of Object.entries(RATE_OPTIONS)) {
    const text = values[option];
    if (text === undefined) continue;
    try {
      prices[field] = parseUsdPerMTok(text);
    } catch (err) {
      throw new UsageError(`--${option}: ${(err as Error).message}`);
    }
  }
  return prices as unknown as Prices;
}

/** "20" or "12.5" (percent, up to two decimals) → basis points. */
export function parsePercentBps(text: string): number {
  const m = /^(\d{1,4})(?:\.(\d{1,2}))?%?$/.exec(text.trim());
  if (!m) throw new UsageError(`--markup must be a percentage such as 20 or 12.5, not "${text}"`);
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

function formatBps(bps: number): string {
  return `${Math.floor(bps / 100)}${
    bps % 100 === 0
      ? ""
      : `.${String(bps % 100)
          .padStart(2, "0")
          .replace(/0$/, "")}`
  }`;
}

function describeRates(p: Prices): string {
  const extras = describeExtras(p);
  return `input $${formatUsd(p.input)}, output $${formatUsd(p.output)}${extras ? `, ${extras}` : ""} per million tokens`;
}

function describeExtras(p: Partial<Record<string, unknown>>): string {
  const parts: string[] = [];
  for (const [option, field] of Object.entries(RATE_OPTIONS)) {
    const v = p[field];
    if (field !== "input" && field !== "output" && typeof v === "number")
      parts.push(`${option} ${formatUsd(v)}`);
  }
  if (Array.isArray(p.promptTiers) && p.promptTiers.length > 0) parts.push("prompt tiers");
  if (Array.isArray(p.volumeTiers) && p.volumeTiers.length > 0) parts.push("volume tiers");
  return parts.join(", ");
}
