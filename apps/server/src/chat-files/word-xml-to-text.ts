/** The XML tokens that matter: a w:p / w:t / w:tab / w:br / w:cr tag, any other tag, or text. */
const TOKEN = /<(\/?)w:(p|t|tab|br|cr)(?=[\s/>])[^>]*?(\/?)>|<[^>]*>|[^<]+/g;
const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/**
 * The text of a WordprocessingML body: the characters of `w:t` runs, a tab for `w:tab`, a new line for
 * `w:br` / `w:cr` and at each paragraph's end. Everything else (properties, field codes outside `w:t`)
 * is dropped. One linear pass over the XML; no DOM is built.
 *
 * @see https://learn.microsoft.com/en-us/dotnet/api/documentformat.openxml.wordprocessing.text
 *
 * @example
 * wordXmlToText('<w:p><w:r><w:t>Hi</w:t></w:r></w:p>'); // "Hi"
 */
export function wordXmlToText(xml: string): string {
  const out: string[] = [];
  let inText = false;
  for (const m of xml.matchAll(TOKEN)) {
    const [token, closing, name, selfClosing] = m;
    if (name === undefined) {
      if (inText && !token.startsWith("<")) out.push(decodeEntities(token));
      continue;
    }
    if (name === "t") inText = closing !== "/" && selfClosing !== "/";
    else if (name === "tab" && closing !== "/") out.push("\t");
    else if ((name === "br" || name === "cr") && closing !== "/") out.push("\n");
    else if (name === "p" && (closing === "/" || selfClosing === "/")) out.push("\n");
  }
  return out.join("").replace(/\n+$/, "");
}

function decodeEntities(text: string): string {
  return text.replace(ENTITY, (_, e: string) => {
    if (e.startsWith("#")) {
      const code = e[1] === "x" ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
    }
    return NAMED[e] ?? "";
  });
}
