import { describe, expect, it } from "vitest";
import { CircuitBreakers } from "./circuit-breakers.js";
import { MemoryBreakerStore } from "./memory-breaker-store.js";

/** A store whose source of truth cannot be read, as a Redis store's during an outage. */
class UnreadableStore extends MemoryBreakerStore {
  override read(): never {
    throw new Error("ECONNREFUSED");
  }
}

describe("CircuitBreakers.snapshot when the store cannot be read", () => {
  it("reports this instance's view, marked degraded, and tells onError", async () => {
    let t = 1_000_000;
    const errors: unknown[] = [];
    const breakers = new CircuitBreakers(new UnreadableStore({ coolDownMs: 1_000 }), {
      now: () => t,
      onError: (e) => errors.push(e),
    });
    for (let i = 0; i < 5; i++) await breakers.onFailure("a");
    const [a, b] = await breakers.snapshot(["a", "b"]);
    expect(a).toMatchObject({ deploymentId: "a", state: "open", nextProbeAt: t + 1_000, degraded: true });
    expect(a!.consecutiveFailures).toBe(0); // unknown without the store
    expect(b).toMatchObject({ deploymentId: "b", state: "closed", nextProbeAt: null, degraded: true });
    t += 1_000;
    expect((await breakers.snapshot(["a"]))[0]!.state).toBe("half_open");
    expect(errors).toHaveLength(2);
  });

  it("leaves `degraded` off when the store answers", async () => {
    const breakers = new CircuitBreakers(new MemoryBreakerStore());
    expect((await breakers.snapshot(["a"]))[0]).not.toHaveProperty("degraded");
  });
});
