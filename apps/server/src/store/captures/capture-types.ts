import type { CaptureSettings, SealedCapture } from "../../domain/capture-settings.js";

/**
 * One tenant's prompt capture (migration 0015): its setting and its captures. A settings write bumps the
 * tenant's `catalog` revision in the same transaction, so instances rebuild that tenant's snapshot and
 * the data plane reads the setting from memory.
 */
export interface TenantCapturesRepo {
  /** The setting; off (the defaults) when never set. */
  getSettings(): Promise<CaptureSettings>;
  /** Changes the fields given; an empty patch answers the setting unchanged, with no bump. */
  updateSettings(patch: Partial<CaptureSettings>): Promise<CaptureSettings>;
  /** The capture of one request, undefined when none (or not this tenant's). */
  get(id: string): Promise<SealedCapture | undefined>;
}

/** Installation-wide capture rows: the snapshot's first build and the data plane's writes. */
export interface CapturesStore {
  /** Tenants that set a capture setting (others are off). */
  listAllSettings(): Promise<Map<string, CaptureSettings>>;
  /** Stores one capture; a second one for the same request id is ignored. */
  insert(capture: SealedCapture): Promise<void>;
  /** Up to `limit` captures of any tenant not sealed under `keyId`, by id after `afterId` (key rotation). */
  listSealedNotUnder(keyId: string, afterId: string, limit: number): Promise<SealedCapture[]>;
  /** Replaces one capture's sealed bodies (re-wrapped under another master key). */
  reseal(id: string, next: Pick<SealedCapture, "keyId" | "requestBody" | "responseBody">): Promise<void>;
}
