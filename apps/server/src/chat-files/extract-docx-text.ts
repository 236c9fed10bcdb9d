import { Unzip, UnzipInflate, unzipSync } from "fflate";
import { CHAT_FILE_LIMITS, type ChatFileLimits } from "./chat-file-limits.js";
import { wordXmlToText } from "./word-xml-to-text.js";

/** Why a docx was refused, said to the user as is. */
export class DocxRefused extends Error {}

const DOCUMENT_PART = "word/document.xml";
/** Compressed bytes handed to the inflater at a time: one push inflates at most ~1032× this. */
const PUSH_BYTES = 4096;

/**
 * The text of a Word document (.docx, an Office Open XML zip): the `w:t` runs of `word/document.xml`,
 * one line per paragraph. Zip bombs are refused twice: by the sizes the zip's central directory
 * declares (too large, or an absurd compression ratio) and by the bytes actually inflated, counted
 * while inflating in small pushes and stopped at the cap, so memory stays bounded whatever the
 * headers claim.
 *
 * @see https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT the ZIP format
 * @see https://learn.microsoft.com/en-us/office/open-xml/word/structure-of-a-wordprocessingml-document
 *
 * @example
 * extractDocxText(bytes); // "Title\nFirst paragraph"
 */
export function extractDocxText(
  bytes: Uint8Array,
  limits: Pick<ChatFileLimits, "docxXmlMaxBytes" | "docxMaxRatio"> = CHAT_FILE_LIMITS,
): string {
  checkDeclaredSizes(bytes, limits);
  const chunks: Uint8Array[] = [];
  let inflated = 0;
  let done = false;
  let failure: DocxRefused | undefined;
  const unzip = new Unzip((file) => {
    if (file.name !== DOCUMENT_PART) return;
    file.ondata = (err, chunk, final) => {
      if (failure !== undefined) return;
      if (err) {
        failure = new DocxRefused("The .docx file is damaged: its text could not be decompressed.");
        return;
      }
      inflated += chunk.length;
      if (inflated > limits.docxXmlMaxBytes) {
        failure = new DocxRefused(tooLarge(limits.docxXmlMaxBytes));
        file.terminate();
        return;
      }
      chunks.push(chunk);
      if (final) done = true;
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < bytes.length && !done && failure === undefined; at += PUSH_BYTES) {
      const end = Math.min(bytes.length, at + PUSH_BYTES);
      unzip.push(bytes.subarray(at, end), end === bytes.length);
    }
  } catch {
    failure ??= new DocxRefused("The .docx file is damaged: it is not a readable zip archive.");
  }
  if (failure !== undefined) throw failure;
  if (!done) throw new DocxRefused("The .docx file is damaged: its document part is incomplete.");
  const xml = new TextDecoder("utf-8").decode(concat(chunks, inflated));
  return wordXmlToText(xml);
}

/** Reads the central directory (inflating nothing) and checks what it declares. */
function checkDeclaredSizes(
  bytes: Uint8Array,
  limits: Pick<ChatFileLimits, "docxXmlMaxBytes" | "docxMaxRatio">,
): void {
  let part: { size: number; originalSize: number } | undefined;
  try {
    unzipSync(bytes, {
      filter: (info) => {
        if (info.name === DOCUMENT_PART) part = { size: info.size, originalSize: info.originalSize };
        return false;
      },
    });
  } catch {
    throw new DocxRefused("The file is not a .docx document: it is not a readable zip archive.");
  }
  if (part === undefined) {
    throw new DocxRefused("The file is not a .docx document: it has no word/document.xml.");
  }
  if (part.originalSize > limits.docxXmlMaxBytes) throw new DocxRefused(tooLarge(limits.docxXmlMaxBytes));
  if (part.originalSize > limits.docxMaxRatio * Math.max(part.size, 1) && part.originalSize > 1_048_576) {
    throw new DocxRefused(
      `The .docx file's text expands ${Math.round(part.originalSize / Math.max(part.size, 1))} times when decompressed: refused as a zip bomb.`,
    );
  }
}

function tooLarge(cap: number): string {
  return `The .docx file's text is larger than ${Math.round(cap / 1_048_576)} MB when decompressed: refused (a zip bomb?).`;
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
