import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { connectTestRedis, findTestRedis, uniqueTestPrefix } from "../../resilience/test-redis.js";
import type { ChangeBus, ChangeEvent } from "./change-bus.js";
import { encodeChangeEvent, parseChangeEvent } from "./change-bus.js";
import { MemoryChangeBus, MemoryChangeHub } from "./memory-change-bus.js";
import { RedisChangeBus } from "./redis-change-bus.js";

const redis = await findTestRedis();

/** Two buses that reach each other (two instances), and a way to publish raw text on their channel. */
interface Pair {
  one: ChangeBus;
  two: ChangeBus;
  publishRaw?: (text: string) => Promise<void>;
  cleanup: () => Promise<void>;
}

const TARGETS: Array<{ name: string; skip?: string; open: () => Promise<Pair> }> = [
  {
    name: "memory",
    open: async () => {
      const hub = new MemoryChangeHub();
      const one = new MemoryChangeBus(hub);
      const two = new MemoryChangeBus(hub);
      return { one, two, cleanup: async () => {} };
    },
  },
  {
    name: "redis",
    ...(redis.available ? {} : { skip: redis.reason }),
    open: async () => {
      const channel = `${uniqueTestPrefix("change-bus")}changes`;
      const clients = [connectTestRedis(redis.url), connectTestRedis(redis.url)];
      await Promise.all(clients.map((c) => c.connect()));
      const [a, b] = clients as [(typeof clients)[0], (typeof clients)[0]];
      const one = new RedisChangeBus({ redis: a, channel });
      const two = new RedisChangeBus({ redis: b, channel });
      return {
        one,
        two,
        publishRaw: async (text) => {
          await a.publish(channel, text);
        },
        cleanup: async () => {
          await one.close();
          await two.close();
          for (const c of clients) c.disconnect();
        },
      };
    },
  },
];

/** Collects events and resolves when `count` have arrived (or rejects after 2 s). */
function collector(count: number) {
  const events: ChangeEvent[] = [];
  let done: () => void = () => {};
  const arrived = new Promise<void>((resolve, reject) => {
    done = resolve;
    setTimeout(() => reject(new Error(`only ${events.length} of ${count} events arrived`)), 2_000).unref();
  });
  return {
    events,
    arrived,
    listener: (e: ChangeEvent) => {
      events.push(e);
      if (events.length === count) done();
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const target of TARGETS) {
  describe.skipIf(target.skip !== undefined)(`change bus on ${target.name}`, () => {
    let pair: Pair | undefined;
    afterEach(async () => {
      await pair?.cleanup();
      pair = undefined;
    });

    it("delivers what one instance publishes to every subscribed instance, itself included", async () => {
      pair = await target.open();
      const atOne = collector(2);
      const atTwo = collector(2);
      await pair.one.subscribe(atOne.listener);
      await pair.two.subscribe(atTwo.listener);
      await pair.one.publish({ tenantId: "ten_a", kind: "keys", origin: "i1" });
      await pair.two.publish({ tenantId: "ten_b", kind: "catalog", origin: "i2" });
      await Promise.all([atOne.arrived, atTwo.arrived]);
      const sorted = (es: ChangeEvent[]) => [...es].sort((x, y) => x.tenantId.localeCompare(y.tenantId));
      const expected = [
        { tenantId: "ten_a", kind: "keys", origin: "i1" },
        { tenantId: "ten_b", kind: "catalog", origin: "i2" },
      ];
      expect(sorted(atOne.events)).toEqual(expected);
      expect(sorted(atTwo.events)).toEqual(expected);
    });

    it("stops delivering after unsubscribe and after close", async () => {
      pair = await target.open();
      const seen: ChangeEvent[] = [];
      const unsubscribe = await pair.two.subscribe((e) => seen.push(e));
      const still = collector(1);
      await pair.one.subscribe(still.listener);
      await unsubscribe();
      await pair.one.publish({ tenantId: "ten_a", kind: "permissions", origin: "i1" });
      await still.arrived;
      await sleep(50);
      expect(seen).toEqual([]);
      await pair.one.close();
      await pair.one.publish({ tenantId: "ten_a", kind: "keys", origin: "i1" });
      await sleep(50);
      expect(still.events).toHaveLength(1);
    });

    it("ignores a malformed message on the channel and keeps delivering", async () => {
      pair = await target.open();
      if (pair.publishRaw === undefined) return; // an in-process bus carries objects, not text
      const got = collector(1);
      await pair.two.subscribe(got.listener);
      for (const junk of ["not json", "{}", '{"tenantId":"t","kind":"everything","origin":"x"}', "null"]) {
        await pair.publishRaw(junk);
      }
      await pair.one.publish({ tenantId: "ten_ok", kind: "credentials", origin: "i1" });
      await got.arrived;
      expect(got.events).toEqual([{ tenantId: "ten_ok", kind: "credentials", origin: "i1" }]);
    });
  });
}

describe("change event wire form", () => {
  it("reads back every event it writes, and never throws on arbitrary text", () => {
    const event = fc.record({
      tenantId: fc.string({ minLength: 1, maxLength: 200 }),
      kind: fc.constantFrom("keys", "catalog", "credentials", "permissions" as const),
      origin: fc.string({ maxLength: 200 }),
    });
    fc.assert(
      fc.property(event, (e) => {
        expect(parseChangeEvent(encodeChangeEvent(e))).toEqual(e);
      }),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify(v) ?? ""),
        ),
        (text) => {
          expect(() => parseChangeEvent(text)).not.toThrow();
        },
      ),
    );
  });
});
