// The entry of a load generator run as its own process: JSON parameters in argv[2], JSON result on stdout.

/**
 * Runs `generate(params)` when the module at `moduleUrl` is the process's main script.
 *
 * @example
 * runIfMain(import.meta.url, openLoop);
 */
export function runIfMain(moduleUrl, generate) {
  if (moduleUrl !== `file://${process.argv[1]}`) return;
  const params = JSON.parse(process.argv[2] ?? "{}");
  generate(params).then(
    (result) => {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      process.exit(0);
    },
    (error) => {
      process.stderr.write(`${error.stack ?? error}\n`);
      process.exit(1);
    },
  );
}
