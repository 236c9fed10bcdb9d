import { GatewayError } from "@gatehouse/protocol";
import { describe, expect, it } from "vitest";
import { createShareViewLimiter } from "./chat-share-view-limiter.js";

describe("createShareViewLimiter", () => {
  it("lets max requests per address through per window, then answers rate_limited with retry-after", () => {
    let t = 1_000;
    const limiter = createShareViewLimiter(() => t, { max: 3, windowMs: 10_000, maxAddresses: 100 });
    for (let i = 0; i < 3; i++) limiter.hit("1.1.1.1");
    limiter.hit("2.2.2.2");
    let err: unknown;
    try {
      limiter.hit("1.1.1.1");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GatewayError);
    expect((err as GatewayError).code).toBe("rate_limited");
    expect((err as GatewayError).details.retryAfterSeconds).toBe(10);
    t += 10_000;
    limiter.hit("1.1.1.1");
  });

  it("never tracks more than maxAddresses", () => {
    let t = 0;
    const limiter = createShareViewLimiter(() => t, { max: 5, windowMs: 60_000, maxAddresses: 50 });
    for (let i = 0; i < 1_000; i++) {
      t += 1;
      limiter.hit(`10.0.${Math.floor(i / 256)}.${i % 256}`);
      expect(limiter.size()).toBeLessThanOrEqual(50);
    }
  });
});
