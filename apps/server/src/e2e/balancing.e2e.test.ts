import type { FakeServer } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../testing/start-test-gateway.js";
import { addModel, addProvider, startFake } from "./routing/routing-fixture.js";
import { chat, SURFACES, type SurfaceName } from "./routing/surface-client.js";

/** Which provider served each of `n` calls, `workers` at a time. */
async function servedBy(
  gw: TestGateway,
  surface: SurfaceName,
  model: string,
  n: number,
  workers: number,
  stream = false,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let next = 0;
  const worker = async () => {
    while (next < n) {
      next++;
      const res = await chat(gw, surface, model, { stream });
      expect(res.status).toBe(200);
      counts[res.provider!] = (counts[res.provider!] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  return counts;
}

describe.each(SURFACES)("%s client: balancing within a priority group", (surface) => {
  let gw: TestGateway;
  const f: Record<string, FakeServer> = {};

  beforeAll(async () => {
    f.heavy = await startFake(surface);
    f.light = await startFake(surface);
    // A stream of 5 events 60 ms apart holds its deployment for about 300 ms.
    f.slowStream = await startFake(surface, { chunks: 5, chunkDelayMs: 60 });
    f.fastStream = await startFake(surface);
    f.slowFirstByte = await startFake(surface, { chunkDelayMs: 80 });
    f.fastFirstByte = await startFake(surface);
    gw = await startTestGateway();
    for (const [name, fake] of Object.entries(f)) await addProvider(gw, name, surface, fake);
    await addModel(gw, "weighted", [
      { provider: "heavy", weight: 3 },
      { provider: "light", weight: 1 },
    ]);
    const pair = [{ provider: "slowStream" }, { provider: "fastStream" }];
    await addModel(gw, "least-in-flight", pair, { balanceStrategy: "least_in_flight" });
    await addModel(gw, "random-pair", pair);
    const latency = [{ provider: "slowFirstByte" }, { provider: "fastFirstByte" }];
    await addModel(gw, "lowest-latency", latency, { balanceStrategy: "lowest_latency" });
  });
  afterAll(async () => {
    await gw?.close();
    for (const fake of Object.values(f)) await fake.close();
  });

  it("weighted random shares 3:1 over 400 requests, within tolerance", async () => {
    const counts = await servedBy(gw, surface, "weighted", 400, 4);
    // Binomial(400, 0.75): standard deviation ≈ 8.7; 40 is more than 4.5 of them.
    expect(counts.heavy! + counts.light!).toBe(400);
    expect(Math.abs(counts.heavy! - 300)).toBeLessThanOrEqual(40);
  });

  it("least in flight sends most streams to the deployment that frees up fast", async () => {
    const lif = await servedBy(gw, surface, "least-in-flight", 40, 6, true);
    expect(lif.fastStream ?? 0).toBeGreaterThanOrEqual(30);
    // The same pair by weight alone splits about evenly: the strategy is what moved the traffic.
    const random = await servedBy(gw, surface, "random-pair", 40, 6, true);
    expect(random.slowStream ?? 0).toBeGreaterThanOrEqual(8);
  });

  it("lowest latency prefers the deployment with the faster first byte once both are measured", async () => {
    const counts = await servedBy(gw, surface, "lowest-latency", 30, 1);
    expect(counts.fastFirstByte ?? 0).toBeGreaterThanOrEqual(26);
    expect(counts.slowFirstByte ?? 0).toBeGreaterThanOrEqual(1); // measured once, at least
  });
});
