/**
 * Model output as remark-math reads it. Models write display math as `\[ … \]` and inline math as
 * `\( … \)` (OpenAI's models do by default), which remark-math does not know: they become `$$ … $$` and
 * `$ … $`. A dollar sign before a digit is a price, not math (`$5 and $10` would otherwise render "5 and "
 * as a formula): it is escaped. Code — fenced blocks and inline code spans — is left exactly as it is.
 * One linear pass over the text, whatever its size or nesting.
 *
 * @example
 * normalizeMath("Euler: \\(e^{i\\pi} + 1 = 0\\), costs $5"); // "Euler: $e^{i\\pi} + 1 = 0$, costs \\$5"
 */
export function normalizeMath(text: string): string {
  let out = "";
  let i = 0;
  // Once a closing delimiter is known to be absent, later openers need not search again (linear time).
  const absent = { "\\]": false, "\\)": false };
  let fenceFrom = -1;
  while (i < text.length) {
    const fence = fenceAt(text, i);
    if (fence !== undefined) {
      const end = fenceEnd(text, i, fence);
      out += text.slice(i, end);
      i = end;
      continue;
    }
    const ch = text[i]!;
    if (ch === "`") {
      if (fenceFrom < i) fenceFrom = nextFence(text, i);
      const end = codeSpanEnd(text, i, fenceFrom);
      out += text.slice(i, end);
      i = end;
      continue;
    }
    if (ch === "\\" && (text[i + 1] === "[" || text[i + 1] === "(")) {
      const display = text[i + 1] === "[";
      const closer = display ? "\\]" : "\\)";
      if (fenceFrom < i) fenceFrom = nextFence(text, i);
      let close = absent[closer] ? -1 : text.indexOf(closer, i + 2);
      if (close === -1) absent[closer] = true;
      // Math never spans a code block: a closer past the next fence is not this opener's.
      else if (close > fenceFrom) close = -1;
      if (close !== -1) {
        const body = text.slice(i + 2, close);
        out += display ? `$$${body}$$` : `$${body.trim()}$`;
        i = close + 2;
        continue;
      }
    }
    if (ch === "\\" && i + 1 < text.length) {
      // An escape (`\$` already escaped, `\\`): copied with what it escapes.
      out += text.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (ch === "$" && text[i + 1] !== "$" && isDigit(text[i + 1])) out += "\\$";
    else if (ch === "$" && text[i + 1] === "$") {
      out += "$$";
      i += 2;
      continue;
    } else out += ch;
    i++;
  }
  return out;
}

/** The start of the next line that opens a code fence after `i` (the text's length when none). */
function nextFence(text: string, i: number): number {
  let line = text.indexOf("\n", i);
  while (line !== -1) {
    if (fenceAt(text, line + 1) !== undefined) return line + 1;
    line = text.indexOf("\n", line + 1);
  }
  return text.length;
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= "0" && ch <= "9";
}

/** The fence (``` or ~~~, three or more) opening a line at `i`, if any. */
function fenceAt(text: string, i: number): string | undefined {
  if (i > 0 && text[i - 1] !== "\n") return undefined;
  let j = i;
  while (j < text.length && j - i < 3 && text[j] === " ") j++;
  const ch = text[j];
  if (ch !== "`" && ch !== "~") return undefined;
  let k = j;
  while (text[k] === ch) k++;
  return k - j >= 3 ? text.slice(j, k) : undefined;
}

/** Where a fenced block opened at `i` ends: after its closing fence line, or at the end of the text. */
function fenceEnd(text: string, i: number, fence: string): number {
  let line = text.indexOf("\n", i);
  while (line !== -1) {
    const start = line + 1;
    const next = fenceAt(text, start);
    if (next !== undefined && next[0] === fence[0] && next.length >= fence.length) {
      const eol = text.indexOf("\n", start);
      return eol === -1 ? text.length : eol + 1;
    }
    line = text.indexOf("\n", start);
  }
  return text.length;
}

/**
 * Where an inline code span opened at `i` ends (the same run of backticks closes it, before the next code
 * fence at `limit`: a span never crosses a block), else just after the opening run.
 */
function codeSpanEnd(text: string, i: number, limit: number): number {
  let k = i;
  while (text[k] === "`") k++;
  const run = text.slice(i, k);
  let from = k;
  for (;;) {
    const close = text.indexOf(run, from);
    if (close === -1 || close >= limit) return k;
    let after = close + run.length;
    if (text[after] !== "`") return after;
    while (text[after] === "`") after++;
    from = after;
  }
}
