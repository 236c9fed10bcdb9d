import { Agent, type Dispatcher } from "undici";
import type { PrivateUpstreamAllowList } from "../security/private-upstream-allow-list.js";
import { ssrfGuard } from "../security/ssrf-guard.js";

export interface UpstreamClientOptions {
  connectTimeoutMs: number;
  /** Idle keep-alive sockets are closed after this long. */
  keepAliveTimeoutMs?: number;
  /** Sockets per origin; unlimited by default (each concurrent stream holds one). */
  connections?: number;
  /** Refuse connections to private and reserved addresses (GATEHOUSE_BLOCK_PRIVATE_UPSTREAMS=1). */
  blockPrivateAddresses?: boolean;
  /** With blockPrivateAddresses: the private ranges and host:port pairs still allowed. */
  allowList?: PrivateUpstreamAllowList;
}

/**
 * The upstream dispatcher: one undici Agent (a keep-alive Pool per origin). Injected into createApp so
 * tests and embedders can pass their own (a MockAgent, a proxy agent). The global fetch is not used on
 * the hot path: its web streams cost several times more CPU per request (see shared/PEERS.md).
 */
export function createUpstreamClient(options: UpstreamClientOptions): Dispatcher {
  return new Agent({
    // Off by default: local upstreams (Ollama on 127.0.0.1) are legitimate; operators set the base URLs.
    connect: options.blockPrivateAddresses
      ? ssrfGuard({ connect: { timeout: options.connectTimeoutMs }, allowList: options.allowList })
      : { timeout: options.connectTimeoutMs },
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
    keepAliveMaxTimeout: 600_000,
    ...(options.connections === undefined ? {} : { connections: options.connections }),
    pipelining: 1,
  });
}
