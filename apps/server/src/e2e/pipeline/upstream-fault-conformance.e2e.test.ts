import { runConformance } from "./run-conformance.js";
import { FIRST_BYTE_MS, IDLE_MS, UPSTREAM_FAULT_CASES } from "./upstream-fault-cases.js";
import { usePipelineGateway } from "./use-pipeline-gateway.js";

// Upstream faults through every row that calls an upstream, passthrough and converted: each reaches the
// client as the same outcome class in its own protocol. Retries off, so one fault is one outcome.
runConformance(
  usePipelineGateway({
    retryPolicy: { maxAttempts: 1 },
    timeouts: { firstByteMs: FIRST_BYTE_MS, idleMs: IDLE_MS },
  }),
  UPSTREAM_FAULT_CASES,
);
