/** Where a spinner draws: the error stream, only when it is a terminal. */
export interface SpinnerTarget {
  isTTY: boolean;
  write(text: string): void;
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/**
 * Runs `work`, showing `label` with a spinner on the terminal if it takes longer than `delayMs` (a quick
 * call shows nothing); the line is erased when the work ends. Nothing is drawn when not on a terminal,
 * so pipes and `--json` output stay clean.
 */
export async function withSpinner<T>(
  target: SpinnerTarget | undefined,
  label: string,
  work: () => Promise<T>,
  delayMs = 300,
): Promise<T> {
  if (target === undefined || !target.isTTY) return work();
  let frame = 0;
  let shown = false;
  let ticker: ReturnType<typeof setInterval> | undefined;
  const starter = setTimeout(() => {
    shown = true;
    ticker = setInterval(() => target.write(`\r${FRAMES[frame++ % FRAMES.length]} ${label}`), 80);
  }, delayMs);
  try {
    return await work();
  } finally {
    clearTimeout(starter);
    if (ticker !== undefined) clearInterval(ticker);
    if (shown) target.write("\r\u001b[2K");
  }
}
