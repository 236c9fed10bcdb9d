import { describe, expect, it } from "vitest";
import type { Mailer, OutgoingEmail } from "./mailer.js";
import { createRuntimeMailer } from "./runtime-mailer.js";
import type { SmtpMailerOptions } from "./smtp-mailer.js";

const MESSAGE: OutgoingEmail = { to: "ana@example.com", subject: "s", text: "t", html: "h" };

function recording(name: string, sent: string[]): Mailer {
  return {
    send: async (m) => void sent.push(`${name}:${m.to}`),
    close: async () => {},
  };
}

describe("createRuntimeMailer", () => {
  it("sends through the stored settings when there are some, else the environment's, else refuses", async () => {
    const sent: string[] = [];
    let stored: SmtpMailerOptions | undefined;
    let t = 0;
    const mailer = createRuntimeMailer({
      fallback: recording("env", sent),
      load: async () => stored,
      now: () => t,
      build: (o) => recording(o.url, sent),
    });
    await mailer.reload();
    expect([mailer.source(), mailer.available()]).toEqual(["env", true]);
    await mailer.send(MESSAGE);
    stored = { url: "smtp://set", from: "a@b.c" };
    await mailer.reload();
    await mailer.send(MESSAGE);
    expect(mailer.source()).toBe("settings");
    // Another instance removes the settings: seen once the loaded ones are older than reloadMs.
    stored = undefined;
    await mailer.send(MESSAGE);
    t += 30_000;
    await mailer.send(MESSAGE);
    expect(sent).toEqual([
      "env:ana@example.com",
      "smtp://set:ana@example.com",
      "smtp://set:ana@example.com",
      "env:ana@example.com",
    ]);

    const none = createRuntimeMailer({ fallback: undefined, load: async () => undefined, now: () => 0 });
    await none.reload();
    expect([none.source(), none.available()]).toEqual(["none", false]);
    await expect(none.send(MESSAGE)).rejects.toMatchObject({ code: "service_unavailable" });
  });
});
