import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { CHAT_FILE_LIMITS, type ChatFileLimits } from "./chat-file-limits.js";

/** Why a PDF was refused, said to the user as is. */
export class PdfRefused extends Error {}

export type PdfLimits = Pick<
  ChatFileLimits,
  "pdfMaxPages" | "pdfTimeoutMs" | "pdfWorkerHeapMb" | "textMaxChars"
>;

/**
 * The worker's code (CommonJS, run with `eval`; pdf.js is an ES module, loaded with import()): opens the
 * document, refuses one with too many pages, and reads page after page until the text cap. Any failure
 * of pdf.js (a malformed file, a stack overflow on deeply nested objects) comes back as a message.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
(async () => {
  const { url, data, maxPages, maxChars } = workerData;
  const pdfjs = await import(url);
  const doc = await pdfjs.getDocument({
    data, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0,
  }).promise;
  if (doc.numPages > maxPages) {
    parentPort.postMessage({ tooManyPages: doc.numPages });
    return;
  }
  const pages = [];
  let length = 0;
  for (let i = 1; i <= doc.numPages && length < maxChars; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    const text = content.items.map((it) => (it.str || "") + (it.hasEOL ? "\\n" : "")).join("");
    pages.push(text);
    length += text.length + 2;
  }
  parentPort.postMessage({ text: pages.join("\\n\\n").slice(0, maxChars), pages: doc.numPages });
})().catch((err) => parentPort.postMessage({ error: String((err && err.message) || err) }));
`;

interface WorkerAnswer {
  text?: string;
  tooManyPages?: number;
  error?: string;
}

/**
 * The text of a PDF, read with pdf.js (Mozilla's, the legacy build for Node) in a worker thread of its
 * own: a hostile file can neither block the event loop (the worker is stopped after `pdfTimeoutMs`)
 * nor take the process's memory (the worker's heap is capped). Refused with a clear message: a file
 * pdf.js cannot open, too many pages, too slow, too much memory.
 *
 * @see https://mozilla.github.io/pdf.js/api/draft/module-pdfjsLib.html getDocument and getTextContent
 *
 * @example
 * await extractPdfText(bytes); // "Quarterly report\nRevenue grew…"
 */
export function extractPdfText(bytes: Uint8Array, limits: PdfLimits = CHAT_FILE_LIMITS): Promise<string> {
  const url = pathToFileURL(createRequire(import.meta.url).resolve("pdfjs-dist/legacy/build/pdf.mjs")).href;
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    // A copy: pdf.js detaches the buffer it is given.
    workerData: {
      url,
      data: new Uint8Array(bytes),
      maxPages: limits.pdfMaxPages,
      maxChars: limits.textMaxChars,
    },
    resourceLimits: { maxOldGenerationSizeMb: limits.pdfWorkerHeapMb, maxYoungGenerationSizeMb: 32 },
    stdout: true,
    stderr: true,
  });
  return new Promise<string>((resolve, reject) => {
    const finish = (outcome: () => void) => {
      clearTimeout(timer);
      worker.removeAllListeners();
      worker.on("error", () => {});
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new PdfRefused(`Reading the PDF took longer than ${limits.pdfTimeoutMs / 1000} s: refused.`),
          ),
        ),
      limits.pdfTimeoutMs,
    );
    worker.on("message", (m: WorkerAnswer) =>
      finish(() => {
        if (m.tooManyPages !== undefined) {
          reject(
            new PdfRefused(`The PDF has ${m.tooManyPages} pages; at most ${limits.pdfMaxPages} are read.`),
          );
        } else if (m.error !== undefined) {
          reject(new PdfRefused(`The PDF could not be read (${m.error.slice(0, 200)}).`));
        } else resolve(m.text ?? "");
      }),
    );
    worker.on("error", (err) =>
      finish(() => reject(new PdfRefused(`The PDF could not be read (${err.message.slice(0, 200)}).`))),
    );
    worker.on("exit", () =>
      finish(() => reject(new PdfRefused("The PDF could not be read: it needs too much memory."))),
    );
  });
}
