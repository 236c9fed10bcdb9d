import { GatewayError } from "@gatehouse/protocol";
import type { UpstreamTarget } from "../upstream-target.js";
import { parseServiceAccount } from "./parse-service-account.js";

/**
 * The Vertex AI endpoint of a location, with the API version: regional hosts are
 * `{location}-aiplatform.googleapis.com`, the global endpoint is `aiplatform.googleapis.com`.
 * @see https://cloud.google.com/vertex-ai/generative-ai/docs/learn/locations#use_the_global_endpoint
 *
 * @example
 * vertexBaseUrl("europe-west4"); // "https://europe-west4-aiplatform.googleapis.com/v1"
 */
export function vertexBaseUrl(location: string): string {
  if (location === "global") return "https://aiplatform.googleapis.com/v1";
  if (!/^[a-z]+(-[a-z]+)*\d*$/.test(location)) {
    throw new GatewayError(
      "invalid_request",
      `'${location}' is not a Google Cloud location (e.g. us-central1).`,
    );
  }
  return `https://${location}-aiplatform.googleapis.com/v1`;
}

function configured(target: UpstreamTarget, key: string): string | undefined {
  const v = target.config[key];
  return typeof v === "string" && v !== "" ? v : undefined;
}

function missing(target: UpstreamTarget, what: string): GatewayError {
  return new GatewayError("upstream_error", `Provider '${target.name}' needs ${what}.`, {
    provider: target.name,
  });
}

/**
 * The `projects/{project}/locations/{location}` a Vertex target calls: config.project (else the service
 * account's project_id) and config.location (else the one in the endpoint's host name).
 */
export function vertexResource(target: UpstreamTarget): string {
  let project = configured(target, "project");
  if (project === undefined && target.credentials.serviceAccountJson) {
    project = parseServiceAccount(target.credentials.serviceAccountJson).projectId;
  }
  if (project === undefined) throw missing(target, "a project (config.project)");
  const host = new URL(target.origin).hostname;
  const location =
    configured(target, "location") ??
    /^([a-z0-9-]+)-aiplatform\.googleapis\.com$/.exec(host)?.[1] ??
    (host === "aiplatform.googleapis.com" ? "global" : undefined);
  if (location === undefined) throw missing(target, "a location (config.location)");
  return `projects/${encodeURIComponent(project)}/locations/${encodeURIComponent(location)}`;
}
