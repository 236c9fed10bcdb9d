// Auth before body: `count` requests at once, each declaring and sending a big chat request with a key
// the server must refuse. Raw sockets, so the client sees the status line the moment it arrives (even
// while it is still sending) and then stops: it destroys the socket instead of sending the rest.
// Reads the server's RSS every 10 ms meanwhile.
// Run: node bench/load/wrong-key-bodies.mjs '{"port":...,"path":...,"key":"gh_...","count":50,
//   "bodyBytes":9000000,"pid":123}'
import { connect } from "node:net";
import { setImmediate as nextTurn } from "node:timers/promises";
import { readMemory, sampleRss } from "../proc-stats.mjs";
import { bigChatBody } from "../request-body.mjs";
import { runIfMain } from "./child-main.mjs";
import { summarize } from "./percentiles.mjs";

const PIECE = 64 * 1024;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves when `socket` can take more data, or is gone. */
function writable(socket) {
  return new Promise((resolve) => {
    const done = () => {
      socket.off("drain", done);
      socket.off("close", done);
      resolve();
    };
    socket.on("drain", done);
    socket.on("close", done);
  });
}

/** One request: the status (or why none came), its latency from the connect call, the bytes sent. */
function oneRequest({ host, port, head, body, timeoutMs }) {
  return new Promise((resolve) => {
    const start = performance.now();
    let sent = 0;
    let received = "";
    let done = false;
    const socket = connect({ host, port });
    const finish = (status, latency = Number.NaN) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ status, latency, sent });
    };
    const timer = setTimeout(() => finish("timeout"), timeoutMs);
    socket.on("data", (data) => {
      received += data.toString("latin1");
      const line = /^HTTP\/1\.[01] (\d{3})/.exec(received);
      if (line) finish(Number(line[1]), performance.now() - start);
      else if (received.includes("\r\n")) finish("bad status line");
    });
    socket.on("error", (error) => finish(error.code ?? "error"));
    socket.on("close", () => finish("closed without status"));
    socket.on("connect", async () => {
      socket.write(head);
      for (let at = 0; at < body.length && !done; at += PIECE) {
        const piece = body.subarray(at, at + PIECE);
        sent += piece.length;
        // Over loopback the kernel takes piece after piece without pushing back, so the loop must yield
        // after each one itself, or an early status line would only be read once all was sent.
        if (socket.write(piece)) await nextTurn();
        else await writable(socket);
      }
    });
  });
}

/**
 * Sends `count` requests of `bodyBytes` with `key` at once; returns the statuses, the time to the status
 * line (ms) of those that got one, the bytes each had sent by then, and the server's RSS before and at
 * its peak (until `settleMs` after the last answer).
 */
export async function wrongKeyBodies({
  host = "127.0.0.1",
  port,
  path,
  key,
  model = "bench-model",
  count = 50,
  bodyBytes = 9_000_000,
  pid,
  settleMs = 500,
  timeoutMs = 60_000,
}) {
  const body = Buffer.from(bigChatBody({ model, bytes: bodyBytes }));
  const head = Buffer.from(
    `POST ${path} HTTP/1.1\r\nhost: ${host}:${port}\r\nauthorization: Bearer ${key}\r\n` +
      `content-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n`,
  );
  const rssBefore = readMemory(pid).rss;
  const sampler = sampleRss(pid, 10);
  const started = performance.now();
  const results = await Promise.all(
    Array.from({ length: count }, () => oneRequest({ host, port, head, body, timeoutMs })),
  );
  const elapsedSec = (performance.now() - started) / 1000;
  await sleep(settleMs);
  const rssPeak = sampler.stop();
  const statuses = {};
  for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  const answered = results.filter((r) => r.status === 401);
  return {
    count,
    bodyBytes,
    statuses,
    errors: count - answered.length,
    latency: summarize(answered.map((r) => r.latency)),
    sentBeforeStatus: summarize(answered.map((r) => r.sent)),
    elapsedSec,
    rssBefore,
    rssPeak,
    rssGrowth: rssPeak - rssBefore,
  };
}

runIfMain(import.meta.url, wrongKeyBodies);
