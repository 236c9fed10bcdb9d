import { loadConfig, startServer } from "@gatehouse/server";
import { COMMON_HELP, type CommandIo, parseCommandArgs } from "../command.js";

export const START_HELP = `Usage: gatehouse start [--port N] [--host H] [--data-dir DIR]

  Starts Gatehouse: the API on /v1 (OpenAI-compatible), health on /healthz and /readyz.
  On the first start it creates the data directory, an admin account and an API key, printed once,
  and adds providers found in OPENAI_API_KEY / OPENAI_BASE_URL / ANTHROPIC_API_KEY / GEMINI_API_KEY /
  OLLAMA_HOST. SIGTERM or Ctrl-C drains in-flight requests and streams, flushes usage, and exits 0.
  Every environment variable is listed in the README's Configuration section.

Options:
  --port N   listen port (default: $PORT or 8080)
  --host H   listen address (default: $HOST or 0.0.0.0)
${COMMON_HELP}`;

/** `gatehouse start`: runs until SIGTERM/SIGINT, then shuts down gracefully. */
export async function startCommand(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseCommandArgs(args, { port: { type: "string" }, host: { type: "string" } });
  if (values.help) {
    io.out(START_HELP);
    return 0;
  }
  const config = loadConfig(io.env, {
    PORT: values.port,
    HOST: values.host,
    GATEHOUSE_DATA_DIR: values["data-dir"],
  });
  // Signals are taken from the start: one that arrives while the server is still starting is honoured
  // as soon as it listens, instead of killing the process mid-setup.
  let signalled: ((signal: string) => void) | undefined;
  const received = new Promise<string>((resolve) => {
    signalled = resolve;
  });
  const onTerm = () => signalled?.("SIGTERM");
  const onInt = () => signalled?.("SIGINT");
  process.once("SIGTERM", onTerm);
  process.once("SIGINT", onInt);
  try {
    const server = await startServer(config, { print: io.out });
    const signal = await received;
    io.out(`${signal}: finishing in-flight requests, then stopping.`);
    await server
      .stop()
      .catch((err: unknown) => io.err(`gatehouse: error during shutdown: ${(err as Error).message}`));
  } finally {
    process.off("SIGTERM", onTerm);
    process.off("SIGINT", onInt);
  }
  io.out("Gatehouse stopped.");
  return 0;
}
