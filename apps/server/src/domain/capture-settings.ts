/** The most of each body a capture keeps, in bytes: 64 KiB (more is cut and flagged truncated). */
export const MAX_CAPTURE_BYTES = 65_536;
/** The least a tenant may set as its bound, in bytes. */
export const MIN_CAPTURE_BYTES = 1_024;

/**
 * A tenant's prompt capture setting (issue 12): off unless turned on. When on, each data-plane request's
 * body and the answer its client got are kept, encrypted, up to `maxBytes` each.
 */
export interface CaptureSettings {
  enabled: boolean;
  maxBytes: number;
}

/** What a tenant that never set anything has: capture off. */
export const DEFAULT_CAPTURE_SETTINGS: Readonly<CaptureSettings> = Object.freeze({
  enabled: false,
  maxBytes: MAX_CAPTURE_BYTES,
});

/** One stored capture, bodies still sealed (see capture/capture-sealer.ts). */
export interface SealedCapture {
  /** The request id, which is also its usage record's id. */
  id: string;
  tenantId: string;
  workspaceId: string;
  createdAt: number;
  /** The master key that wrapped the bodies' data keys (rotation). */
  keyId: string;
  requestBody: string;
  responseBody: string | null;
  requestBytes: number;
  responseBytes: number;
  requestTruncated: boolean;
  responseTruncated: boolean;
}
