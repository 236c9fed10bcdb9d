import { describe, expect, it } from "vitest";
import { ModeSchedule } from "./mode-schedule.js";

describe("ModeSchedule", () => {
  it("applies a temporary mode N times, then the base mode", () => {
    const s = new ModeSchedule("ok");
    s.set("error-500", 2);
    expect([s.next(), s.next(), s.next()]).toEqual(["error-500", "error-500", "ok"]);
  });

  it("a permanent mode replaces the base and cancels a pending temporary one", () => {
    const s = new ModeSchedule("ok");
    s.set("hang", 3);
    s.set("slow");
    expect([s.next(), s.next()]).toEqual(["slow", "slow"]);
  });
});
