/** The bounds of chat attachments (docs/chat.md, Attachments); tests pass smaller ones. */
export interface ChatFileLimits {
  imageMaxBytes: number;
  documentMaxBytes: number;
  textMaxChars: number;
  pdfMaxPages: number;
  pdfTimeoutMs: number;
  pdfConcurrent: number;
  pdfWaiting: number;
  pdfWorkerHeapMb: number;
  docxXmlMaxBytes: number;
  docxMaxRatio: number;
  imageMaxSide: number;
}

/** The bounds in force. */
export const CHAT_FILE_LIMITS: Readonly<ChatFileLimits> = {
  /** The largest image, in bytes. */
  imageMaxBytes: 20 * 1_048_576,
  /** The largest document (text, Markdown, PDF, docx), in bytes. */
  documentMaxBytes: 20 * 1_048_576,
  /** Extracted text is cut here (characters): more would not fit a model's context anyway. */
  textMaxChars: 200_000,
  /** A PDF with more pages is refused. */
  pdfMaxPages: 500,
  /** A PDF whose text takes longer to extract is refused (the worker is stopped). */
  pdfTimeoutMs: 15_000,
  /** PDFs read at once per server process (each in its own worker); more wait in line. */
  pdfConcurrent: 2,
  /** PDFs waiting for a worker; past this an upload is refused at once (400, try again). */
  pdfWaiting: 8,
  /** The worker's heap cap while it reads a PDF. */
  pdfWorkerHeapMb: 256,
  /** A docx whose document.xml inflates past this is refused (a zip bomb, or not a document). */
  docxXmlMaxBytes: 32 * 1_048_576,
  /** A docx part inflating more than this many times its compressed size is refused as a zip bomb. */
  docxMaxRatio: 200,
  /** Images wider or taller than this are refused (no model takes them; a decoder would choke). */
  imageMaxSide: 20_000,
};
