import { AUTH_CASES } from "./auth-cases.js";
import { runConformance } from "./run-conformance.js";
import { usePipelineGateway } from "./use-pipeline-gateway.js";

// Authentication through every surface × operation: accepted key styles are served, every bad key is a
// 401 in the caller's shape before any body byte, upstream call or usage record.
runConformance(usePipelineGateway(), AUTH_CASES);
