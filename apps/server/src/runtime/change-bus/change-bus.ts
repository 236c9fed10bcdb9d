import { z } from "zod";
import { CHANGE_KINDS, type ChangeScope } from "../../store/revisions/change-scope.js";

/** What an instance announces after it committed a configuration change: the scope it changed. */
export interface ChangeEvent extends ChangeScope {
  /** The announcing instance, so it can skip its own announcements (it applied them already). */
  origin: string;
}

/** Told about every change announced on the bus, by any instance (this one included). */
export type ChangeListener = (event: ChangeEvent) => void;

/**
 * Announces configuration changes to every instance at once, so that a revoked key is refused everywhere
 * within a second without waiting for the revision poll (which stays as the fallback: a lost message is
 * applied by the next poll). Delivery is at most once and unordered; listeners must be idempotent.
 */
export interface ChangeBus {
  /** Announces a change; never throws (a failure is logged by the implementation and the poll covers it). */
  publish(event: ChangeEvent): Promise<void>;
  /** Starts delivering events to `listener`; resolves when it is listening. Returns the unsubscribe. */
  subscribe(listener: ChangeListener): Promise<() => Promise<void>>;
  /** Stops delivering and releases what the bus opened (not connections it was given). */
  close(): Promise<void>;
}

const EVENT = z.object({
  tenantId: z.string().min(1).max(200),
  kind: z.enum(CHANGE_KINDS as [ChangeScope["kind"], ...ChangeScope["kind"][]]),
  origin: z.string().max(200),
});

/**
 * Reads one event from the wire: undefined for anything that is not a well-formed event (another
 * program's message on the channel, a newer version's kind), which the listener then never sees.
 *
 * @example
 * const event = parseChangeEvent(message);
 */
export function parseChangeEvent(text: string): ChangeEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = EVENT.safeParse(value);
  return parsed.success ? { ...parsed.data } : undefined;
}

/**
 * The wire form of an event (JSON with exactly its three fields), read back by {@link parseChangeEvent}.
 *
 * @example
 * await redis.publish(channel, encodeChangeEvent(event));
 */
export function encodeChangeEvent(event: ChangeEvent): string {
  return JSON.stringify({ tenantId: event.tenantId, kind: event.kind, origin: event.origin });
}
