import { GatewayError } from "@gatehouse/protocol";
import type { ChatFileKind } from "../store/chat-files/chat-files-types.js";
import { CHAT_FILE_LIMITS, type ChatFileLimits } from "./chat-file-limits.js";
import { decodeUtf8Text } from "./decode-utf8-text.js";
import { DocxRefused, extractDocxText } from "./extract-docx-text.js";
import { extractPdfText, PdfRefused } from "./extract-pdf-text.js";
import type { PdfTextReader } from "./pdf-extraction-queue.js";
import { sniffImage } from "./sniff-image.js";

/** What an upload is, decided from its bytes: the type stored, and a document's text. */
export interface ClassifiedUpload {
  mediaType: string;
  kind: ChatFileKind;
  extractedText: string | null;
}

type Actual = "image" | "pdf" | "docx" | "text";
const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const CLAIMS: Record<string, Actual> = {
  png: "image",
  jpg: "image",
  jpeg: "image",
  gif: "image",
  webp: "image",
  pdf: "pdf",
  docx: "docx",
  txt: "text",
  md: "text",
  markdown: "text",
};
const SAID: Record<Actual, string> = {
  image: "an image",
  pdf: "a PDF",
  docx: "a .docx document",
  text: "text",
};
const SUPPORTED = "images (PNG, JPEG, GIF, WebP), text, Markdown, PDF and .docx files";

/**
 * Decides what an uploaded file is from its bytes, never from what the client says: an image by its
 * magic bytes and header, a PDF by `%PDF-`, a docx by its zip signature, anything else must be UTF-8
 * text. A name whose extension promises one kind while the bytes are another ("report.pdf" holding a
 * PNG) is refused with 415: the user learns the file is not what its name says, rather than having it
 * silently read as something else. Documents' text is extracted (and cut at `textMaxChars`); every
 * refusal is a GatewayError with a message meant for the user.
 *
 * @example
 * await classifyUpload("notes.md", Buffer.from("# Hi")); // { mediaType: "text/markdown", kind: "document", extractedText: "# Hi" }
 */
export async function classifyUpload(
  name: string,
  bytes: Uint8Array,
  limits: ChatFileLimits = CHAT_FILE_LIMITS,
  readPdf: PdfTextReader = (pdf) => extractPdfText(pdf, limits),
): Promise<ClassifiedUpload> {
  if (bytes.length === 0) throw refused("invalid_request", `“${name}” is empty.`);
  const extension = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? "";
  const claimed = CLAIMS[extension];
  const actual = actualKind(bytes);
  if (claimed !== undefined && claimed !== actual) {
    const what = actual === "text" ? "neither an image, a PDF nor a .docx" : SAID[actual];
    throw refused(
      "unsupported_media_type",
      claimed === "image"
        ? `“${name}” is not an image: its content is ${what}.`
        : `“${name}” is named as ${SAID[claimed]} but its content is ${what}: refused.`,
    );
  }
  const max = actual === "image" ? limits.imageMaxBytes : limits.documentMaxBytes;
  if (bytes.length > max) {
    throw refused("payload_too_large", `“${name}” is larger than ${Math.round(max / 1_048_576)} MB.`);
  }
  const cut = (text: string) => text.slice(0, limits.textMaxChars);
  switch (actual) {
    case "image":
      return image(name, bytes, limits);
    case "pdf":
      return {
        mediaType: "application/pdf",
        kind: "document",
        extractedText: cut(await pdfText(bytes, readPdf)),
      };
    case "docx":
      return { mediaType: DOCX_TYPE, kind: "document", extractedText: cut(docxText(bytes, limits)) };
    case "text": {
      const text = decodeUtf8Text(bytes);
      if (text === undefined) {
        throw refused(
          "unsupported_media_type",
          `“${name}” is not a supported file: ${SUPPORTED} are (text must be UTF-8).`,
        );
      }
      const markdown = extension === "md" || extension === "markdown";
      return {
        mediaType: markdown ? "text/markdown" : "text/plain",
        kind: "document",
        extractedText: cut(text),
      };
    }
  }
}

function actualKind(bytes: Uint8Array): Actual {
  if (sniffImage(bytes) !== undefined || looksLikeImage(bytes)) return "image";
  const head = String.fromCharCode(...bytes.subarray(0, 5));
  if (head === "%PDF-") return "pdf";
  if (head.startsWith("PK\u0003\u0004")) return "docx";
  return "text";
}

/** Image magic bytes with a broken header: still "an image", refused below as a damaged one. */
function looksLikeImage(b: Uint8Array): boolean {
  const head = String.fromCharCode(...b.subarray(0, 4));
  return head === "\u0089PNG" || (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) || head === "GIF8";
}

function image(name: string, bytes: Uint8Array, limits: ChatFileLimits): ClassifiedUpload {
  const found = sniffImage(bytes);
  if (found === undefined)
    throw refused("invalid_request", `“${name}” is a damaged image: its header is unreadable.`);
  if (found.width > limits.imageMaxSide || found.height > limits.imageMaxSide) {
    throw refused(
      "invalid_request",
      `“${name}” is ${found.width}×${found.height} pixels; images up to ${limits.imageMaxSide} pixels a side are taken.`,
    );
  }
  return { mediaType: found.mediaType, kind: "image", extractedText: null };
}

async function pdfText(bytes: Uint8Array, readPdf: PdfTextReader): Promise<string> {
  try {
    return await readPdf(bytes);
  } catch (err) {
    if (err instanceof PdfRefused) throw refused("invalid_request", err.message);
    throw err;
  }
}

function docxText(bytes: Uint8Array, limits: ChatFileLimits): string {
  try {
    return extractDocxText(bytes, limits);
  } catch (err) {
    if (err instanceof DocxRefused) throw refused("invalid_request", err.message);
    throw err;
  }
}

function refused(code: "invalid_request" | "unsupported_media_type" | "payload_too_large", message: string) {
  return new GatewayError(code, message);
}
