import { UsageError } from "../cli-error.js";

/** The terminal a hidden prompt needs: raw key input and a place to write the prompt. */
export interface Terminal {
  stdin: NodeJS.ReadStream;
  write(text: string): void;
}

/** Reads everything on standard input (for `--password-stdin`), without its final line end. */
export async function readAllStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  let text = "";
  for await (const chunk of stdin) text += String(chunk);
  return text.replace(/\r?\n$/, "");
}

/**
 * Prompts on a terminal without echoing what is typed (raw mode): Enter ends, Backspace erases, Ctrl-C
 * and Ctrl-D abort.
 */
export function promptHidden(terminal: Terminal, prompt: string): Promise<string> {
  const { stdin } = terminal;
  terminal.write(prompt);
  return new Promise((resolve, reject) => {
    let value = "";
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off("data", onData);
      terminal.write("\n");
      if (err === undefined) resolve(value);
      else reject(err);
    };
    const onData = (data: Buffer) => {
      for (const ch of data.toString("utf8")) {
        if (ch === "\r" || ch === "\n") return done();
        if (ch === "\u0003" || ch === "\u0004") return done(new UsageError("cancelled"));
        if (ch === "\u007f" || ch === "\b") value = [...value].slice(0, -1).join("");
        else value += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on("data", onData);
  });
}

/** Prompts for a line with echo (an email address). */
export function promptLine(terminal: Terminal, prompt: string): Promise<string> {
  terminal.write(prompt);
  return new Promise((resolve) => {
    let value = "";
    const onData = (data: Buffer) => {
      value += data.toString("utf8");
      const end = value.search(/\r?\n/);
      if (end === -1) return;
      terminal.stdin.off("data", onData);
      terminal.stdin.pause();
      resolve(value.slice(0, end).trim());
    };
    terminal.stdin.resume();
    terminal.stdin.on("data", onData);
  });
}
