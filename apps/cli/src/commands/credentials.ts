import { type RotationProgress, rotateCredentialKey } from "@gatehouse/server";
import { UsageError } from "../cli-error.js";
import { COMMON_HELP, type CommandIo, parseCommandArgs } from "../command.js";
import { openCliStorage } from "../open-cli-storage.js";

export const CREDENTIALS_HELP = `Usage: gatehouse credentials rotate-key [--batch-size N]

  Rotates the master key that wraps every provider credential's data key (envelope encryption):
  a new key is added to the key ring (credentials.keys in the data directory, mode 0600), every
  record's data key is re-wrapped under it batch by batch, then the old key is removed from the ring.
  Credentials stored in the older single-key format are re-sealed as envelopes on the way.
  Servers keep running meanwhile: they read both keys and pick up the new one by themselves.
  An interrupted rotation is finished by running the command again.

Options:
  --batch-size N  records per batch (default 100)
${COMMON_HELP}`;

const BAR_WIDTH = 30;

/** `gatehouse credentials rotate-key` */
export async function credentialsCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { "batch-size": { type: "string" } });
  if (values.help || positionals.length === 0) {
    io.out(CREDENTIALS_HELP);
    return values.help ? 0 : 2;
  }
  if (positionals[0] !== "rotate-key" || positionals.length > 1) {
    throw new UsageError(`unknown credentials command '${positionals.join(" ")}' (try: rotate-key)`);
  }
  const batchSize = Number(values["batch-size"] ?? "100");
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
    throw new UsageError("--batch-size must be a whole number from 1 to 10000");
  }
  const s = await openCliStorage(io, values["data-dir"]);
  try {
    const result = await rotateCredentialKey(s.store, s.keyRing, s.secretBox, {
      batchSize,
      onProgress: progressBar(io),
    });
    io.out(
      `${result.resumed ? "Finished an interrupted rotation" : "Rotated the credentials key"}: ` +
        `${result.resealed} record(s) re-wrapped under key ${result.keyId}` +
        (result.retired.length > 0 ? `; retired ${result.retired.join(", ")}.` : "."),
    );
    return 0;
  } finally {
    await s.store.close();
  }
}

/** A progress bar printed as lines (it works in logs too): at the start, each tenth, and the end of a pass. */
function progressBar(io: CommandIo): (p: RotationProgress) => void {
  let shown = -1;
  return ({ done, total, pass }) => {
    const tenth = total === 0 ? 10 : Math.floor((done * 10) / total);
    if (done !== 0 && tenth === shown) return;
    shown = done === 0 ? -1 : tenth;
    const filled = total === 0 ? BAR_WIDTH : Math.round((done * BAR_WIDTH) / total);
    io.out(`pass ${pass} [${"#".repeat(filled)}${".".repeat(BAR_WIDTH - filled)}] ${done}/${total}`);
  };
}
