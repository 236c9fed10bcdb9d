import { isIP } from "node:net";
import { GatewayError } from "@gatehouse/protocol";
import { anyCidrContains, type Cidr, parseCidr } from "./cidr.js";

/**
 * The private upstreams the platform operator lets tenant-registered providers reach
 * (GATEHOUSE_ALLOWED_PRIVATE_UPSTREAMS): IP ranges, and exact `host:port` pairs (for a name such as
 * `ollama.internal:11434` that resolves to a private address). Everything else private stays refused.
 */
export interface PrivateUpstreamAllowList {
  readonly cidrs: readonly Cidr[];
  /** Lower-case `host:port`; an IPv6 host in brackets (`[fd00::1]:8080`). */
  readonly hostPorts: ReadonlySet<string>;
}

export const EMPTY_ALLOW_LIST: PrivateUpstreamAllowList = { cidrs: [], hostPorts: new Set() };

const HOST_PORT = /^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?):([1-9][0-9]{0,4})$/;

/**
 * Reads the comma-separated allow-list: each entry a CIDR (`10.0.0.0/8`), a bare IP address, or
 * `host:port`. Empty entries are ignored. Throws `invalid_request` naming the first bad entry.
 *
 * @example
 * parsePrivateUpstreamAllowList("10.20.0.0/16, ollama.internal:11434");
 */
export function parsePrivateUpstreamAllowList(text: string): PrivateUpstreamAllowList {
  const cidrs: Cidr[] = [];
  const hostPorts = new Set<string>();
  for (const raw of text.split(",")) {
    const entry = raw.trim().toLowerCase();
    if (entry === "") continue;
    const hostPort = HOST_PORT.exec(entry);
    if (hostPort !== null && Number(hostPort[3]) <= 65535 && isIP(entry) === 0) {
      hostPorts.add(entry);
      continue;
    }
    try {
      cidrs.push(parseCidr(entry));
    } catch {
      throw new GatewayError(
        "invalid_request",
        `'${entry.slice(0, 80)}' is neither an IP range (10.0.0.0/8) nor host:port (ollama.internal:11434).`,
      );
    }
  }
  return { cidrs, hostPorts };
}

/** Whether the allow-list names this host and port exactly (the connection is then not guarded). */
export function allowsHostPort(
  list: PrivateUpstreamAllowList,
  hostname: string,
  port: string | number,
): boolean {
  if (list.hostPorts.size === 0) return false;
  const host = hostname.toLowerCase();
  const shown = isIP(host) === 6 && !host.startsWith("[") ? `[${host}]` : host;
  return list.hostPorts.has(`${shown}:${port}`);
}

/** Whether the allow-list's ranges contain this address. */
export function allowsAddress(list: PrivateUpstreamAllowList, ip: string): boolean {
  return list.cidrs.length > 0 && anyCidrContains(list.cidrs, ip);
}

/**
 * The list plus the loopback ranges (127.0.0.0/8, ::1): for development set-ups whose identity provider
 * runs on the same machine (GATEHOUSE_SSO_ALLOW_HTTP_LOOPBACK).
 *
 * @example
 * const idpList = withLoopback(allowList);
 */
export function withLoopback(list: PrivateUpstreamAllowList): PrivateUpstreamAllowList {
  return {
    cidrs: [...list.cidrs, parseCidr("127.0.0.0/8"), parseCidr("::1/128")],
    hostPorts: list.hostPorts,
  };
}
