import { describe } from "vitest";
import { admittedCases, refusedCases } from "./admission-cases.js";
import { RecordingAdmission, RefusingAdmission } from "./recording-admission.js";
import { runConformance } from "./run-conformance.js";
import { usePipelineGateway } from "./use-pipeline-gateway.js";

// The admission seam, createApp({ admission }), through every surface × operation: a refusal is the
// caller's 429 with retry-after before anything is sent or recorded; an admitted request is seen with
// its principal, model and operation, and settled exactly once with its cost.
describe("an admission that refuses", () => {
  const admission = new RefusingAdmission();
  runConformance(usePipelineGateway({ admission }), refusedCases(admission));
});

describe("an admission that admits", () => {
  const admission = new RecordingAdmission();
  runConformance(
    usePipelineGateway({ admission, retryPolicy: { maxAttempts: 1 } }),
    admittedCases(admission),
  );
});
