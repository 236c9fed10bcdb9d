import { CHAT_DRIVERS } from "./chat-drivers.js";
import { COMPACT_DRIVERS } from "./compact-drivers.js";
import { EMBEDDINGS_DRIVERS } from "./embeddings-drivers.js";
import { LOCAL_DRIVERS } from "./local-drivers.js";
import type { PipelineDriver } from "./pipeline-driver.js";

/**
 * Every row of the conformance table: each surface × operation Gatehouse serves (18). A new surface or
 * operation is a driver added here; every case that applies to it then runs against it.
 */
export const PIPELINE_DRIVERS: readonly PipelineDriver[] = [
  ...CHAT_DRIVERS,
  ...EMBEDDINGS_DRIVERS,
  ...COMPACT_DRIVERS,
  ...LOCAL_DRIVERS,
];
