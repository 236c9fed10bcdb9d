import { afterAll, beforeAll } from "vitest";
import {
  startTestGateway,
  type TestGateway,
  type TestGatewayOptions,
} from "../../testing/start-test-gateway.js";
import type { CaseDriver } from "./case-call.js";
import { caseDrivers } from "./case-drivers.js";
import { type MatrixUpstream, startMatrixUpstreams } from "./upstream-fixtures.js";

export const SURFACES = ["openai", "anthropic", "gemini"] as const;
export const UPSTREAMS = ["openai", "anthropic", "gemini", "ollama", "bedrock", "azure", "vertex"] as const;
export type Surface = (typeof SURFACES)[number];
export type UpstreamKind = (typeof UPSTREAMS)[number];

/** One started matrix: a gateway routing to a fake of every upstream kind, and a driver per surface. */
export interface Matrix {
  gw: TestGateway;
  cell(surface: Surface, upstream: UpstreamKind): { driver: CaseDriver; up: MatrixUpstream };
}

/**
 * Starts one gateway and one fake per upstream for a test file (retries off, so injected faults reach
 * the client), and closes them after it. Read the returned object inside tests only.
 */
export function useMatrix(options: Omit<TestGatewayOptions, "providers"> = {}): Matrix {
  let upstreams: MatrixUpstream[] = [];
  let drivers: CaseDriver[] = [];
  const matrix = {
    gw: undefined as unknown as TestGateway,
    cell(surface: Surface, upstream: UpstreamKind) {
      const up = upstreams.find((u) => u.kind === upstream)!;
      up.fake.requests.length = 0;
      return { driver: drivers.find((d) => d.name === surface)!, up };
    },
  };
  beforeAll(async () => {
    upstreams = await startMatrixUpstreams();
    matrix.gw = await startTestGateway({
      retryPolicy: { maxAttempts: 1 },
      ...options,
      providers: upstreams.map((u) => u.provider),
    });
    drivers = caseDrivers(matrix.gw.url, matrix.gw.key);
  });
  afterAll(async () => {
    await matrix.gw?.close();
    for (const u of upstreams) for (const f of [u.fake, ...(u.helpers ?? [])]) await f.close();
  });
  return matrix;
}
