import { connect } from "node:net";
import { createTransport } from "nodemailer";
import { afterEach, describe, expect, it } from "vitest";
import { type SmtpSink, startSmtpSink } from "./smtp-sink.js";

let sink: SmtpSink | undefined;
afterEach(() => sink?.close());

function mail(over: Record<string, unknown> = {}) {
  return {
    from: '"Gatehouse" <no-reply@gatehouse.test>',
    to: "ana@example.com",
    subject: "Grüße",
    text: "Hello Ana",
    html: "<p>Hello <b>Ana</b></p>",
    ...over,
  };
}

describe("startSmtpSink", () => {
  it("accepts plain SMTP and decodes envelope, subject, text and html", async () => {
    sink = await startSmtpSink();
    expect(sink.url).toBe(`smtp://127.0.0.1:${sink.port}`);
    const transport = createTransport({ host: sink.host, port: sink.port, secure: false });
    await transport.sendMail(mail({ bcc: "audit@example.com" }));
    const got = await sink.waitForMessage((m) => m.to.includes("ana@example.com"));
    expect(got).toEqual({
      from: "no-reply@gatehouse.test",
      fromHeader: '"Gatehouse" <no-reply@gatehouse.test>',
      to: ["ana@example.com", "audit@example.com"],
      subject: "Grüße",
      text: "Hello Ana",
      html: "<p>Hello <b>Ana</b></p>",
    });
    expect(sink.messages).toHaveLength(1);
  });

  it("waits for a message still to come, and times out when none matches", async () => {
    sink = await startSmtpSink();
    const waiting = sink.waitForMessage((m) => m.subject === "later");
    await createTransport(sink.url).sendMail(mail({ subject: "later" }));
    await expect(waiting).resolves.toMatchObject({ subject: "later" });
    await expect(sink.waitForMessage((m) => m.subject === "never", 50)).rejects.toThrow(/No matching email/);
  });

  it("checks credentials with requireAuth and refuses all with failAuth", async () => {
    sink = await startSmtpSink({ requireAuth: { user: "app", pass: "s3cret" } });
    const url = (user: string, pass: string) => `smtp://${user}:${pass}@127.0.0.1:${sink?.port}`;
    await createTransport(url("app", "s3cret")).sendMail(mail());
    expect(sink.messages[0]?.user).toBe("app");
    await expect(createTransport(url("app", "wrong")).sendMail(mail())).rejects.toMatchObject({
      code: "EAUTH",
      responseCode: 535,
    });
    await expect(createTransport(sink.url).sendMail(mail())).rejects.toMatchObject({ responseCode: 530 });
    await sink.close();

    sink = await startSmtpSink({ failAuth: true });
    await expect(createTransport(url("any", "thing")).sendMail(mail())).rejects.toMatchObject({
      code: "EAUTH",
    });
    expect(sink.messages).toHaveLength(0);
  });

  it("refuses a message over the size limit", async () => {
    sink = await startSmtpSink({ maxBytes: 2000 });
    await expect(createTransport(sink.url).sendMail(mail({ text: "x".repeat(5000) }))).rejects.toMatchObject({
      responseCode: 552,
    });
    expect(sink.messages).toHaveLength(0);
  });

  it("closes promptly even with a client connected", async () => {
    sink = await startSmtpSink();
    const socket = connect(sink.port, "127.0.0.1");
    await new Promise((resolve) => socket.once("data", resolve));
    const started = Date.now();
    await sink.close();
    expect(Date.now() - started).toBeLessThan(2000);
    socket.destroy();
  });
});
