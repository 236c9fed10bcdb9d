import { EventEmitter } from "node:events";
import type WebSocket from "ws";

/**
 * The part of a `ws` WebSocket that SocketResponse uses, for unit tests: sends are kept and count as
 * unsent (`bufferedAmount`) until the test calls `flush`, as bytes the kernel has not taken yet.
 */
export class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  readonly sent: string[] = [];
  private readonly pending: Array<() => void> = [];

  send(data: string, cb?: () => void): void {
    this.sent.push(data);
    this.bufferedAmount += data.length;
    if (cb) this.pending.push(cb);
  }

  /** The kernel took everything: every send's callback runs. */
  flush(): void {
    this.bufferedAmount = 0;
    for (const cb of this.pending.splice(0)) cb();
  }

  terminate(): void {
    this.readyState = 3;
    this.emit("close");
  }

  /** This fake as the type SocketResponse takes. */
  get asWebSocket(): WebSocket {
    return this as unknown as WebSocket;
  }
}
