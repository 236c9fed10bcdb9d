import { describe, it } from "vitest";
import { type CaseContext, type ExpectedOutcome, expectOutcome } from "./expect-outcome.js";
import type { PipelineDriver, UpstreamKind } from "./pipeline-driver.js";
import { PIPELINE_DRIVERS } from "./pipeline-drivers.js";
import type { RawAnswer } from "./raw-call.js";
import type { PipelineGateway } from "./use-pipeline-gateway.js";

/** One column of the conformance table: a situation, and the outcome class every row must answer with. */
export interface ConformanceCase {
  name: string;
  /** Whether the case applies to a row (no upstream faults for local operations, no body for GETs...). */
  applies(driver: PipelineDriver): boolean;
  /**
   * Run once per upstream kind the row reaches (passthrough and conversion), for faults the upstream
   * causes; otherwise once, against the row's first upstream (or none, for local rows).
   */
  perUpstream?: boolean;
  /** Arranges what the case needs (a fault mode) and sends the row's request. */
  send(ctx: CaseContext): Promise<RawAnswer>;
  expected(ctx: CaseContext): ExpectedOutcome;
  /** Further assertions of the case, after the outcome class was checked (what an injected seam saw). */
  verify?(ctx: CaseContext, answer: RawAnswer): Promise<void>;
}

/** The outcome of a request served normally: 200, a success record when an upstream served it. */
export function served(driver: PipelineDriver): ExpectedOutcome {
  const upstream = driver.upstreams.length > 0;
  return { status: 200, usage: upstream ? "success" : "none", upstreamCalls: upstream ? 1 : 0 };
}

/** The outcome of a request refused before any upstream call: its error, nothing sent, nothing recorded. */
export function refused(status: number, code: ExpectedOutcome["code"]): ExpectedOutcome {
  return { status, code, usage: "none", upstreamCalls: 0 };
}

/**
 * Runs the table: every case × every row (driver) it applies to × the upstreams it runs against, each a
 * test asserting the case's outcome class in the row's own protocol. Fakes are put back in mode "ok"
 * after each test, so a fault a case armed but the gateway never consumed cannot leak into the next.
 *
 * @example
 * const pg = usePipelineGateway();
 * runConformance(pg, AUTH_CASES);
 */
export function runConformance(pg: PipelineGateway, cases: readonly ConformanceCase[]): void {
  for (const driver of PIPELINE_DRIVERS) {
    const runs = cases
      .filter((c) => c.applies(driver))
      .flatMap((c) => upstreamsOf(c, driver).map((upstream) => ({ c, upstream })));
    if (runs.length === 0) continue;
    describe(driver.name, () => {
      for (const { c, upstream } of runs) {
        const title = upstream === undefined || !c.perUpstream ? c.name : `${c.name} (→ ${upstream})`;
        it(title, async () => {
          const ctx: CaseContext = { pg, driver, upstream, model: pg.modelFor(driver, upstream) };
          const before = pg.upstreamCalls();
          try {
            const answer = await c.send(ctx);
            await expectOutcome(ctx, answer, c.expected(ctx), before);
            await c.verify?.(ctx, answer);
          } finally {
            for (const fake of Object.values(pg.fakes)) fake.setMode("ok");
          }
        });
      }
    });
  }
}

function upstreamsOf(c: ConformanceCase, d: PipelineDriver): Array<UpstreamKind | undefined> {
  if (d.upstreams.length === 0) return [undefined];
  return c.perUpstream ? [...d.upstreams] : [d.upstreams[0]];
}
