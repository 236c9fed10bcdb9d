import type { IrStreamEvent, IrUsage } from "@gatehouse/protocol";

/**
 * Watches IR stream events for metering: the last usage reported, the characters delivered (for an
 * estimate when a stream is cut before its usage), whether the stream completed, and its first error.
 */
export class StreamMeter {
  usage: IrUsage | undefined;
  deliveredChars = 0;
  completed = false;
  error: Extract<IrStreamEvent, { type: "error" }> | undefined;

  observe(events: readonly IrStreamEvent[]): void {
    for (const ev of events) {
      switch (ev.type) {
        case "block_delta":
          if (ev.delta.type === "text" || ev.delta.type === "reasoning")
            this.deliveredChars += ev.delta.text.length;
          else if (ev.delta.type === "tool_arguments") this.deliveredChars += ev.delta.json.length;
          break;
        case "usage":
          this.usage = ev.usage;
          break;
        case "end":
          this.completed = true;
          break;
        case "error":
          this.error ??= ev;
          break;
      }
    }
  }
}
