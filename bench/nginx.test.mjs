import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { nginxConfig, prepareNginx } from "./nginx.mjs";

const hasNginx = spawnSync("sh", ["-c", "command -v nginx"]).status === 0;

describe("nginx config", () => {
  it("is a non-buffering keep-alive reverse proxy in one process on loopback", () => {
    const conf = nginxConfig({ prefix: "/p", port: 9001, upstreamPort: 9000 });
    expect(conf).toContain("master_process off;");
    expect(conf).toContain("listen 127.0.0.1:9001;");
    expect(conf).toContain("server 127.0.0.1:9000;");
    expect(conf).toContain("proxy_buffering off;");
    expect(conf).toContain('proxy_set_header Connection "";');
    expect(conf).toMatch(/keepalive \d+;/);
  });

  it.skipIf(!hasNginx)("passes nginx -t", () => {
    const { argv } = prepareNginx({
      workDir: mkdtempSync(join(tmpdir(), "nginx-")),
      port: 9001,
      upstreamPort: 9000,
    });
    const result = spawnSync(argv[0], [...argv.slice(1), "-t"], { encoding: "utf8" });
    expect(result.stderr).toContain("test is successful");
    expect(result.status).toBe(0);
  });
});
