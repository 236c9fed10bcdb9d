import { isIP } from "node:net";
import { GatewayError } from "@gatehouse/protocol";
import { addressCategory } from "./address-category.js";
import { isForbiddenAddress } from "./is-forbidden-address.js";
import {
  allowsAddress,
  allowsHostPort,
  type PrivateUpstreamAllowList,
} from "./private-upstream-allow-list.js";

const DEFAULT_PORTS: Readonly<Record<string, string>> = { "http:": "80", "https:": "443" };

/**
 * Refuses, with a clear `invalid_request`, a tenant provider's base URL whose host is a literal private or
 * reserved address (or `localhost`) not on the operator's allow-list. This is the early, friendly check;
 * the binding one runs at connect time on the resolved address (ssrfGuard), which also catches names
 * that resolve to private addresses and DNS rebinding.
 *
 * @example
 * checkTenantUpstreamUrl("http://10.0.0.5:8000/v1", allowList); // throws invalid_request
 */
export function checkTenantUpstreamUrl(baseUrl: string, allowList: PrivateUpstreamAllowList): void {
  const url = new URL(baseUrl);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const port = url.port === "" ? (DEFAULT_PORTS[url.protocol] ?? "") : url.port;
  if (allowsHostPort(allowList, host, port)) return;
  const literal = isIP(host) !== 0;
  const local = host === "localhost" || host.endsWith(".localhost");
  if (local || (literal && isForbiddenAddress(host) && !allowsAddress(allowList, host))) {
    const category = literal ? addressCategory(host) : "loopback";
    throw new GatewayError(
      "invalid_request",
      `The base URL points at a ${category} address (${host}); a tenant's provider may only reach public ` +
        "addresses unless the operator allow-lists it (GATEHOUSE_ALLOWED_PRIVATE_UPSTREAMS).",
      { param: "baseUrl" },
    );
  }
}
