import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { promptHidden, promptLine, readAllStdin } from "./read-password.js";

/** A stand-in terminal: a stream with raw mode recorded, and what was written to the screen. */
function fakeTerminal() {
  const stdin = Object.assign(new PassThrough(), {
    isTTY: true,
    modes: [] as boolean[],
    setRawMode(mode: boolean) {
      stdin.modes.push(mode);
      return stdin;
    },
  });
  const screen: string[] = [];
  return { stdin, screen, terminal: { stdin: stdin as never, write: (t: string) => void screen.push(t) } };
}

describe("password input", () => {
  it("reads standard input without its final line end", async () => {
    const input = new PassThrough();
    input.end("s3cret pass\n");
    expect(await readAllStdin(input)).toBe("s3cret pass");
  });

  it("prompts in raw mode without echoing, handles backspace, and restores the terminal", async () => {
    const { stdin, screen, terminal } = fakeTerminal();
    const answer = promptHidden(terminal, "Password: ");
    stdin.write("hunter");
    stdin.write("\u007f\u007fer2\r");
    expect(await answer).toBe("hunter2");
    expect(stdin.modes).toEqual([true, false]);
    expect(screen.join("")).toBe("Password: \n");
  });

  it("is cancelled by Ctrl-C", async () => {
    const { stdin, terminal } = fakeTerminal();
    const answer = promptHidden(terminal, "Password: ");
    stdin.write("abc\u0003");
    await expect(answer).rejects.toThrow("cancelled");
    expect(stdin.modes).toEqual([true, false]);
  });

  it("reads an echoed line for the email", async () => {
    const { stdin, terminal } = fakeTerminal();
    const answer = promptLine(terminal, "Email: ");
    stdin.write(" me@example.com");
    stdin.write("\n");
    expect(await answer).toBe("me@example.com");
  });
});
