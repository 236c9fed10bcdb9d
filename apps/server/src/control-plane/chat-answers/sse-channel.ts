/**
 * A server-sent-event body fed by pushes (an answer's deltas, a poll's findings): the router pulls text
 * from it as the client reads. A hand-written iterator, not a generator, so that the client going away
 * (`return`) ends it at once and runs `onClose`, rather than waiting on a pending `await`.
 *
 * @example
 * const channel = new SseChannel(() => unsubscribe());
 * channel.event("delta", { text: "Lis" });
 * channel.close();
 */
export class SseChannel implements AsyncIterable<string> {
  private readonly queue: string[] = [];
  private closed = false;
  private wake: (() => void) | undefined;
  private cleaned = false;

  constructor(private readonly onClose: () => void) {}

  /** Whether the channel ended (closed by its producer or its reader). */
  get ended(): boolean {
    return this.closed;
  }

  /** Queues one named event with its JSON data. */
  event(name: string, data: unknown): void {
    this.push(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** Queues raw SSE text (a comment such as `: ping\n\n`). */
  push(text: string): void {
    if (this.closed) return;
    this.queue.push(text);
    this.wake?.();
  }

  /** Ends the stream after what is queued. */
  close(): void {
    this.closed = true;
    this.wake?.();
    this.cleanup();
  }

  [Symbol.asyncIterator](): AsyncIterator<string> {
    return {
      next: () => this.next(),
      return: async () => {
        this.queue.length = 0;
        this.close();
        return { done: true, value: undefined };
      },
    };
  }

  private async next(): Promise<IteratorResult<string>> {
    for (;;) {
      const text = this.queue.shift();
      if (text !== undefined) return { done: false, value: text };
      if (this.closed) return { done: true, value: undefined };
      await new Promise<void>((resolve) => {
        this.wake = () => {
          this.wake = undefined;
          resolve();
        };
      });
    }
  }

  private cleanup(): void {
    if (this.cleaned) return;
    this.cleaned = true;
    this.onClose();
  }
}
