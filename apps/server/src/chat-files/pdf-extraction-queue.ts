import { CHAT_FILE_LIMITS } from "./chat-file-limits.js";
import { extractPdfText, PdfRefused } from "./extract-pdf-text.js";

/** How a PDF's text is read: extractPdfText, or a queue in front of it. */
export type PdfTextReader = (bytes: Uint8Array) => Promise<string>;

/**
 * extractPdfText with at most `concurrent` workers at a time (each may hold up to its heap cap) and at
 * most `waiting` uploads queued behind them; past that an upload is refused at once ("busy, try again")
 * rather than piling up memory. One per app (built by the handlers, no module state).
 *
 * @example
 * const readPdf = createPdfExtractionQueue({ concurrent: 2, waiting: 8 });
 * await readPdf(bytes);
 */
export function createPdfExtractionQueue(
  options: { concurrent: number; waiting: number },
  read: PdfTextReader = (bytes) => extractPdfText(bytes, CHAT_FILE_LIMITS),
): PdfTextReader {
  let running = 0;
  const queue: (() => void)[] = [];
  const next = () => {
    running -= 1;
    queue.shift()?.();
  };
  return async (bytes) => {
    if (running >= options.concurrent) {
      if (queue.length >= options.waiting) {
        throw new PdfRefused("Too many PDFs are being read right now: try again in a moment.");
      }
      await new Promise<void>((resolve) => queue.push(resolve));
    }
    running += 1;
    try {
      return await read(bytes);
    } finally {
      next();
    }
  };
}
