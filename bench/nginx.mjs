// nginx from Debian as a plain reverse proxy: the floor of one hop. One process (no master, one worker
// loop), a temp prefix dir of its own, access log off, upstream keep-alive, no buffering (SSE flushes).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { waitForHttp } from "./wait-ready.mjs";

/** The nginx.conf text for a reverse proxy on `port` in front of `upstreamPort`, rooted in `prefix`. */
export function nginxConfig({ prefix, port, upstreamPort }) {
  const tmp = (name) => join(prefix, "tmp", name);
  return `daemon off;
master_process off;
worker_processes 1;
worker_rlimit_nofile 20000;
pid ${join(prefix, "nginx.pid")};
error_log ${join(prefix, "error.log")} warn;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path ${tmp("body")};
  proxy_temp_path ${tmp("proxy")};
  fastcgi_temp_path ${tmp("fastcgi")};
  uwsgi_temp_path ${tmp("uwsgi")};
  scgi_temp_path ${tmp("scgi")};
  upstream mock {
    server 127.0.0.1:${upstreamPort};
    keepalive 512;
    keepalive_requests 1000000;
    keepalive_timeout 120s;
  }
  server {
    listen 127.0.0.1:${port};
    keepalive_requests 1000000;
    keepalive_timeout 120s;
    location / {
      proxy_pass http://mock;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
      proxy_request_buffering off;
      proxy_read_timeout 120s;
    }
  }
}
`;
}

/**
 * Writes the config into a fresh prefix dir under `workDir` and returns the argv that starts nginx on it.
 *
 * @example
 * const { argv } = prepareNginx({ workDir: "bench/.work/run", port: 9001, upstreamPort: 9000 });
 * children.start("nginx", argv, { core: 0 });
 */
export function prepareNginx({ workDir, port, upstreamPort }) {
  const prefix = join(workDir, "nginx");
  for (const name of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) {
    mkdirSync(join(prefix, "tmp", name), { recursive: true });
  }
  const conf = join(prefix, "nginx.conf");
  writeFileSync(conf, nginxConfig({ prefix, port, upstreamPort }));
  // -e: the error log before the config is read would otherwise go to /var/log/nginx.
  return { prefix, argv: ["nginx", "-p", prefix, "-c", conf, "-e", join(prefix, "error.log")] };
}

/** Starts nginx pinned to the server core in front of the mock upstream; returns the target handle. */
export async function startNginx({ children, workDir, port, upstreamPort, serverCore }) {
  const { prefix, argv } = prepareNginx({ workDir, port, upstreamPort });
  const child = children.start("nginx", argv, { core: serverCore, logFile: join(prefix, "stdout.log") });
  // Any answer from the upstream through nginx means both are up.
  await waitForHttp(`http://127.0.0.1:${port}/__bench/config`, { child, timeoutMs: 10_000 });
  return { child, origin: `http://127.0.0.1:${port}`, path: "/v1/chat/completions", model: "bench-model" };
}
