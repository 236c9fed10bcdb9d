import type { getPreset, Result } from "@gatehouse/contracts";

/** A preset as the API answers it (presets.get / presets.list). */
export type Preset = Result<typeof getPreset>;
