import { describe, expect, it } from "vitest";
import { toSmtpGatewayError } from "./smtp-gateway-error.js";

const CTX = { host: "smtp.example.com", port: 587, password: "hunter2 secret/é" };

describe("toSmtpGatewayError", () => {
  it("scrubs the password from a server reply in raw, URL-encoded and base64 form", () => {
    const { password } = CTX;
    const b64 = Buffer.from(password).toString("base64");
    const response = `535 bad login ${password} / ${encodeURIComponent(password)} / ${b64}`;
    const err = toSmtpGatewayError({ code: "EAUTH", response }, CTX);
    expect(err.message).toBe(
      "SMTP server smtp.example.com:587 rejected the credentials (EAUTH): 535 bad login [redacted] / [redacted] / [redacted]",
    );
    expect(err.cause).toBeUndefined();
  });

  it("never quotes the original error text, only the code and the server's reply", () => {
    const err = toSmtpGatewayError(
      Object.assign(new Error(`connect to smtp://u:${CTX.password}@x failed`), { code: "ESOCKET" }),
      CTX,
    );
    expect(err.code).toBe("upstream_unreachable");
    expect(err.message).toBe("SMTP server smtp.example.com:587 could not be reached (ESOCKET)");
  });

  it("classifies timeouts, refusals and unknown failures", () => {
    expect(toSmtpGatewayError({ code: "ETIMEDOUT" }, CTX).code).toBe("upstream_timeout");
    expect(toSmtpGatewayError({ code: "EMESSAGE", response: "554 spam" }, CTX)).toMatchObject({
      code: "upstream_error",
      message: "SMTP server smtp.example.com:587 refused the message (EMESSAGE): 554 spam",
    });
    expect(toSmtpGatewayError(new TypeError("boom"), CTX)).toMatchObject({
      code: "upstream_error",
      message: "SMTP server smtp.example.com:587 failed (UNKNOWN)",
    });
  });
});
