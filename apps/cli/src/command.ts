import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "./cli-error.js";

/** Options every command accepts. */
export const COMMON_OPTIONS = {
  "data-dir": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const satisfies ParseArgsConfig["options"];

export const COMMON_HELP = `  --data-dir DIR  data directory (default: $GATEHOUSE_DATA_DIR or ./data); DATABASE_URL selects PostgreSQL
  -h, --help      show this help`;

/** What a command gets: its arguments, and where to write. */
export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
  /** Standard input, for `--password-stdin` and prompts (remote commands only). */
  stdin?: NodeJS.ReadStream;
  /** The error stream as a terminal, for prompts and spinners (remote commands only). */
  tty?: { isTTY: boolean; write(text: string): void };
}

type OptionSpec = Record<string, { type: "string" | "boolean"; short?: string }>;
type OptionValues<O extends OptionSpec> = {
  [K in keyof O]?: O[K]["type"] extends "boolean" ? boolean : string;
};

/** Parses a command's arguments strictly; unknown options are usage errors. */
export function parseCommandArgs<O extends OptionSpec>(
  args: string[],
  options: O,
): { values: OptionValues<O & typeof COMMON_OPTIONS>; positionals: string[] } {
  try {
    const parsed = parseArgs({
      args,
      options: { ...COMMON_OPTIONS, ...options },
      allowPositionals: true,
      strict: true,
    });
    return {
      values: parsed.values as OptionValues<O & typeof COMMON_OPTIONS>,
      positionals: parsed.positionals,
    };
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** A `gatehouse <noun> <verb>` command's name, help text and verbs. */
export interface VerbSpec<V extends string> {
  noun: string;
  help: string;
  verbs: readonly V[];
}

/**
 * The verb of `gatehouse <noun> <verb>`: one of the noun's, or a usage error naming it. With `--help`, or
 * without a verb, the help is printed and the exit code answered instead (0 asked for, 2 missing).
 *
 * @example
 * const verb = verbOf(io, { noun: "members", help: MEMBERS_HELP, verbs: ["list"] }, positionals[0], values.help);
 * if (typeof verb === "number") return verb;
 */
export function verbOf<V extends string>(
  io: CommandIo,
  spec: VerbSpec<V>,
  verb: string | undefined,
  help: boolean | undefined,
): V | number {
  if (help || verb === undefined) {
    io.out(spec.help);
    return help ? 0 : 2;
  }
  if (!(spec.verbs as readonly string[]).includes(verb)) {
    throw new UsageError(`unknown ${spec.noun} command '${verb}'`);
  }
  return verb as V;
}
