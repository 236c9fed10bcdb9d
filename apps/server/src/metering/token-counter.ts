import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/**
 * Whether a model is counted with OpenAI's o200k encoding (gpt-4o, gpt-4.1, o-series, gpt-5) rather than
 * cl100k, the fallback for every other model (Claude, Gemini, local models: an approximation, which is
 * why such records stay `usageEstimated`).
 * @see https://github.com/openai/tiktoken/blob/main/tiktoken/model.py
 */
export function usesO200k(model: string): boolean {
  return /(^|[/.])(gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o1|o3|o4|chatgpt-4o)/i.test(model);
}

/**
 * The worker's code (CommonJS, run with `eval`): loads an encoding on first use and counts a text in
 * 2k-character slices. BPE merging is quadratic in the length of one pre-token: an adversarial
 * "xxxx…" of 100k characters took 97 s in one piece and 0.16 s in slices (a slice boundary adds at
 * most one token per slice). Special-token text (`<|endoftext|>`) counts as plain text.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const loaded = {};
const options = { disallowedSpecial: new Set() };
parentPort.on("message", ({ id, text, encoding }) => {
  try {
    const count = (loaded[encoding] ??= require(workerData[encoding]).countTokens);
    let n = 0;
    for (let i = 0; i < text.length; i += 2048) n += count(text.slice(i, i + 2048), options);
    parentPort.postMessage({ id, n });
  } catch (err) {
    parentPort.postMessage({ id, error: String(err && err.message || err) });
  }
});
`;

interface Waiting {
  resolve: (n: number) => void;
  reject: (err: Error) => void;
}

/**
 * Counts tokens with a real BPE tokenizer (gpt-tokenizer) in a worker thread, for usage records whose
 * upstream reported no usage. Nothing runs on the event loop: loading an encoding (megabytes of
 * JavaScript, a second or more on a busy machine) and counting a megabyte prompt both happen in the
 * worker, started on first use and unreferenced (it never keeps the process alive). One per app,
 * closed at shutdown (pending counts are rejected; the meter then keeps the character estimate).
 *
 * @example
 * const tokens = new TokenCounter();
 * await tokens.count("Hello there", "gpt-4o"); // 2
 * await tokens.close();
 */
export class TokenCounter {
  private worker: Worker | undefined;
  private lastId = 0;
  private readonly waiting = new Map<number, Waiting>();
  private readonly modules: Record<"o200k" | "cl100k", string>;

  constructor() {
    const require = createRequire(import.meta.url);
    this.modules = {
      o200k: require.resolve("gpt-tokenizer/encoding/o200k_base"),
      cl100k: require.resolve("gpt-tokenizer/encoding/cl100k_base"),
    };
  }

  /** The tokens of `text` in `model`'s encoding (o200k or cl100k, see usesO200k). */
  count(text: string, model: string): Promise<number> {
    if (text.length === 0) return Promise.resolve(0);
    const worker = this.worker ?? this.start();
    const id = ++this.lastId;
    return new Promise<number>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, text, encoding: usesO200k(model) ? "o200k" : "cl100k" });
    });
  }

  /** Stops the worker; counts still waiting are rejected. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.failAll(new Error("The token counter was closed."));
    await worker?.terminate();
  }

  private start(): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: this.modules });
    worker.unref();
    worker.on("message", (m: { id: number; n?: number; error?: string }) => {
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (m.error !== undefined) w?.reject(new Error(m.error));
      else w?.resolve(m.n ?? 0);
    });
    worker.on("error", (err) => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(err);
    });
    worker.on("exit", () => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(new Error("The token counter stopped."));
    });
    this.worker = worker;
    return worker;
  }

  private failAll(err: Error): void {
    for (const w of this.waiting.values()) w.reject(err);
    this.waiting.clear();
  }
}
