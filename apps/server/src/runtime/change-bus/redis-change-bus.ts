import type { Redis } from "ioredis";
import {
  type ChangeBus,
  type ChangeEvent,
  type ChangeListener,
  encodeChangeEvent,
  parseChangeEvent,
} from "./change-bus.js";

export interface RedisChangeBusOptions {
  /** The shared client; publishing goes through it, and it is duplicated for the subscription. */
  redis: Redis;
  /** The channel (default `gatehouse:changes`); lets tests on one Redis stay apart. */
  channel?: string;
  /** Told about Redis failures: a failed publish or a lost subscription; the revision poll covers both. */
  onError?: (err: unknown) => void;
  /**
   * How long subscribe() waits for Redis before it resolves anyway (2 s by default): an instance starts
   * while Redis is away, on the poll alone, and the subscription is made when Redis comes back.
   */
  subscribeWaitMs?: number;
}

/**
 * The change bus across instances: Redis pub/sub on one channel. A subscriber needs a connection of its
 * own (a subscribed Redis connection cannot run other commands), so the bus duplicates the client and
 * closes only that duplicate. Pub/sub is fire-and-forget: an instance that is disconnected misses events,
 * which its revision poll then applies. See https://redis.io/docs/latest/develop/interact/pubsub/.
 *
 * @example
 * const bus = new RedisChangeBus({ redis, onError: (err) => logger.warn({ err }, "change bus") });
 */
export class RedisChangeBus implements ChangeBus {
  private readonly channel: string;
  private readonly listeners = new Set<ChangeListener>();
  private subscriber: Redis | undefined;
  private subscribing: Promise<void> | undefined;

  constructor(private readonly options: RedisChangeBusOptions) {
    this.channel = options.channel ?? "gatehouse:changes";
  }

  async publish(event: ChangeEvent): Promise<void> {
    try {
      await this.options.redis.publish(this.channel, encodeChangeEvent(event));
    } catch (err) {
      this.options.onError?.(err);
    }
  }

  async subscribe(listener: ChangeListener): Promise<() => Promise<void>> {
    this.listeners.add(listener);
    this.subscribing ??= this.open();
    await this.subscribing;
    return async () => {
      this.listeners.delete(listener);
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
    const subscriber = this.subscriber;
    this.subscriber = undefined;
    this.subscribing = undefined;
    if (subscriber) await subscriber.quit().catch(() => subscriber.disconnect());
  }

  private async open(): Promise<void> {
    // Not lazy, whatever the shared client is: the subscription must exist before subscribe() resolves.
    const subscriber = this.options.redis.duplicate({ lazyConnect: false, enableOfflineQueue: true });
    this.subscriber = subscriber;
    subscriber.on("error", (err: Error) => this.options.onError?.(err));
    subscriber.on("message", (channel: string, message: string) => {
      if (channel !== this.channel) return;
      const event = parseChangeEvent(message);
      if (event === undefined) return;
      for (const listener of this.listeners) listener(event);
    });
    // Queued while Redis is away and made (and remade after every reconnect) by ioredis when it is back.
    const subscribed = subscriber.subscribe(this.channel);
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<"late">((resolve) => {
      timer = setTimeout(() => resolve("late"), this.options.subscribeWaitMs ?? 2_000);
    });
    const outcome = await Promise.race([subscribed.catch((err: unknown) => err), waited]);
    clearTimeout(timer);
    if (outcome === "late") {
      this.options.onError?.(new Error("Redis did not confirm the change-bus subscription in time"));
      subscribed.catch((err: unknown) => this.options.onError?.(err));
    } else if (outcome instanceof Error) this.options.onError?.(outcome);
  }
}
