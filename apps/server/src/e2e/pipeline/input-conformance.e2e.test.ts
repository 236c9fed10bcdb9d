import { BODY_LIMIT, INPUT_CASES } from "./input-cases.js";
import { runConformance } from "./run-conformance.js";
import { usePipelineGateway } from "./use-pipeline-gateway.js";

// Bad input through every surface × operation: a 4xx in the caller's shape, never a 5xx, nothing sent
// upstream, nothing recorded, one log line.
runConformance(usePipelineGateway({ bodyLimit: BODY_LIMIT }), INPUT_CASES);
