import type { LookupAddress, LookupOptions } from "node:dns";
import { lookup as dnsLookup } from "node:dns";
import { isIP } from "node:net";
import { buildConnector } from "undici";
import { addressCategory } from "./address-category.js";
import { type AddressPolicyOptions, isForbiddenAddress } from "./is-forbidden-address.js";
import {
  allowsAddress,
  allowsHostPort,
  EMPTY_ALLOW_LIST,
  type PrivateUpstreamAllowList,
} from "./private-upstream-allow-list.js";
import { SsrfBlockedError } from "./ssrf-blocked-error.js";

/** Options of {@link ssrfGuard}. */
export interface SsrfGuardOptions extends AddressPolicyOptions {
  /** undici connector options (timeout, keep-alive...), passed to `buildConnector`. */
  connect?: buildConnector.BuildOptions;
  /** The resolver (dns.lookup by default); tests pass one that answers with chosen addresses. */
  lookup?: typeof dnsLookup;
  /** Private ranges and `host:port` pairs the operator allows (GATEHOUSE_ALLOWED_PRIVATE_UPSTREAMS). */
  allowList?: PrivateUpstreamAllowList;
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * An undici `connect` function that refuses to open a socket to a forbidden address (see
 * {@link isForbiddenAddress}) — checked at connect time, on the very address the socket is opened to,
 * after DNS resolution, so a name that resolves to a public address when a URL is validated and to
 * 127.0.0.1 a moment later (DNS rebinding) is still refused. Three checks: an IP literal before
 * connecting (net skips DNS for literals), every resolved address inside the socket's `lookup` (before
 * any packet is sent), and the socket's remote address once connected (defence in depth). A refusal is
 * an {@link SsrfBlockedError} with code GATEHOUSE_SSRF_BLOCKED.
 * @see https://undici.nodejs.org/#/docs/api/Connector
 *
 * @example
 * const agent = new Agent({ connect: ssrfGuard({ connect: { timeout: 5_000 } }) });
 */
export function ssrfGuard(options: SsrfGuardOptions = {}): buildConnector.connector {
  const allowList = options.allowList ?? EMPTY_ALLOW_LIST;
  const base: AddressPolicyOptions = { allowPrivate: options.allowPrivate ?? false };
  const forbidden = (ip: string) => isForbiddenAddress(ip, base) && !allowsAddress(allowList, ip);
  const connect = buildConnector({
    ...options.connect,
    lookup: guardedLookup(options.lookup ?? dnsLookup, forbidden),
  });
  // An allow-listed host:port is the operator's explicit choice: connected to without the address check.
  const unguarded =
    allowList.hostPorts.size > 0
      ? buildConnector({ ...options.connect, ...(options.lookup ? { lookup: options.lookup } : {}) })
      : undefined;
  return (opts, callback) => {
    const host = opts.hostname;
    if (unguarded !== undefined && allowsHostPort(allowList, host, opts.port || defaultPort(opts.protocol))) {
      unguarded(opts, callback);
      return;
    }
    if (isIP(host) !== 0 && forbidden(host)) {
      callback(new SsrfBlockedError(host, host, addressCategory(host)), null);
      return;
    }
    connect(opts, (err, socket) => {
      if (err !== null) return callback(err, null);
      const remote = socket.remoteAddress;
      if (remote !== undefined && forbidden(remote)) {
        socket.destroy();
        return callback(new SsrfBlockedError(host, remote, addressCategory(remote)), null);
      }
      callback(null, socket);
    });
  };
}

/**
 * A `lookup` for net.connect that resolves as usual and fails when any answer is forbidden. Node calls
 * it with `all: true` when it races address families (autoSelectFamily), else for one address.
 * @see https://nodejs.org/api/net.html#socketconnectoptions-connectlistener
 */
function guardedLookup(resolve: typeof dnsLookup, forbidden: (ip: string) => boolean) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    resolve(
      hostname,
      options,
      (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => {
        if (err) return callback(err, address, family);
        const list = typeof address === "string" ? [address] : address.map((a) => a.address);
        const bad = list.find(forbidden);
        if (bad !== undefined)
          return callback(new SsrfBlockedError(hostname, bad, addressCategory(bad)), address, family);
        callback(null, address, family);
      },
    );
  };
}

function defaultPort(protocol: string): string {
  return protocol === "https:" ? "443" : "80";
}
