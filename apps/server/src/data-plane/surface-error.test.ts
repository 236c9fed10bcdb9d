import type { ServerResponse } from "node:http";
import { ERROR_CODES, type ErrorCode, GatewayError } from "@gatehouse/protocol";
import { describe, expect, it } from "vitest";
import { anthropicSurface } from "./anthropic/anthropic-surface.js";
import { geminiSurface } from "./gemini/gemini-surface.js";
import { openAISurface } from "./openai/openai-surface.js";
import { holdClientResponse } from "./pipeline/testing/hold-client-response.js";
import { sendSurfaceError } from "./surface-error.js";

const SURFACES = { openai: openAISurface, anthropic: anthropicSurface, gemini: geminiSurface };

describe("sendSurfaceError before anything was sent", () => {
  it("answers each surface's own JSON error shape, with the error's status and the request id", async () => {
    const shapes = {
      openai: { error: { code: "model_not_found", message: "no such model" } },
      anthropic: { type: "error", error: { type: "not_found_error", message: "no such model" } },
      gemini: { error: { code: 404, message: "no such model", status: "NOT_FOUND" } },
    };
    for (const [name, surface] of Object.entries(SURFACES)) {
      const held = await holdClientResponse();
      const err = new GatewayError("model_not_found", "no such model");
      const outcome = sendSurfaceError("req_1", held.res, err, surface.errors, undefined);
      const client = await held.answer;
      await held.close();
      expect(client.status).toBe(404);
      expect(client.headers).toMatchObject({
        "content-type": "application/json",
        "x-gatehouse-request-id": "req_1",
      });
      expect(client.headers.connection).not.toBe("close");
      expect(JSON.parse(client.body)).toMatchObject(shapes[name as keyof typeof shapes]);
      expect(outcome).toMatchObject({
        status: 404,
        errorCode: "model_not_found",
        errorMessage: "no such model",
        interrupted: false,
      });
    }
  });

  it("sends retry-after when the error has one, and names the attempts and the last deployment", async () => {
    const held = await holdClientResponse();
    const err = new GatewayError("upstream_rate_limited", "slow down", { retryAfterSeconds: 7 });
    const attempts = [
      { model: "m", provider: "p1", deployment: "dep_1", status: 500, atMs: 0, ms: 1 },
      { model: "m", provider: "p2", deployment: "dep_2", status: 429, atMs: 0, ms: 1 },
    ];
    sendSurfaceError("req_2", held.res, err, openAISurface.errors, undefined, attempts);
    const client = await held.answer;
    await held.close();
    expect(client.status).toBe(429);
    expect(client.headers).toMatchObject({
      "retry-after": "7",
      "x-gatehouse-attempts": "2",
      "x-gatehouse-provider": "p2",
      "x-gatehouse-deployment": "dep_2",
    });
  });

  it("answers every code of the catalogue with its own status, as JSON, in every surface", () => {
    for (const code of Object.keys(ERROR_CODES) as ErrorCode[]) {
      for (const surface of Object.values(SURFACES)) {
        const err = new GatewayError(code);
        const written: { status?: number; body?: string } = {};
        // A response that records what is written, for 120 cases without 120 sockets.
        const res = {
          headersSent: false,
          destroyed: false,
          writableEnded: false,
          writeHead: (status: number) => {
            written.status = status;
          },
          end: (body: string) => {
            written.body = body;
          },
        } as unknown as ServerResponse;
        const outcome = sendSurfaceError("r", res, err, surface.errors, undefined);
        // Anthropic answers an overloaded upstream with its own 529; every other code keeps the catalogue's.
        const status =
          surface.name === "anthropic" && code === "upstream_overloaded" ? 529 : ERROR_CODES[code].status;
        expect(written.status).toBe(status);
        expect(outcome.status).toBe(status);
        expect(() => JSON.parse(written.body!)).not.toThrow();
      }
    }
  });
});

describe("sendSurfaceError after the answer started", () => {
  it("ends the stream with the protocol's error event, keeping the status sent; a cut is interrupted", async () => {
    const held = await holdClientResponse();
    held.res.writeHead(200, { "content-type": "text/event-stream" });
    held.res.write('data: {"partial":true}\n\n');
    const err = new GatewayError("upstream_timeout", "too slow");
    const outcome = sendSurfaceError("req_3", held.res, err, anthropicSurface.errors, undefined);
    const client = await held.answer;
    await held.close();
    expect(client.complete).toBe(true);
    expect(client.body).toBe(`data: {"partial":true}\n\n${anthropicSurface.errors.streamEvent(err)}`);
    expect(outcome).toMatchObject({ status: 200, errorCode: "upstream_timeout", interrupted: true });
  });

  it("an error that does not cut the answer short is not an interruption", async () => {
    const held = await holdClientResponse();
    held.res.writeHead(200);
    held.res.write("x");
    const outcome = sendSurfaceError(
      "r",
      held.res,
      new GatewayError("upstream_error"),
      openAISurface.errors,
      undefined,
    );
    await held.answer;
    await held.close();
    expect(outcome.interrupted).toBe(false);
  });

  it("writes nothing to a connection already gone, and still says what happened", async () => {
    const held = await holdClientResponse();
    held.res.destroy();
    const outcome = sendSurfaceError(
      "r",
      held.res,
      new GatewayError("upstream_error", "x"),
      geminiSurface.errors,
      undefined,
    );
    const client = await held.answer;
    await held.close();
    expect(client.status).toBe(0);
    expect(outcome).toMatchObject({ status: 502, errorCode: "upstream_error" });
  });
});
