import { GatehouseApiError } from "@gatehouse/sdk";

/** Retries a failed query twice, unless the server answered a 4xx: asking again would not change it. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof GatehouseApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}
