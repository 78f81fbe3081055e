import { describe, expect, it } from "vitest";
import { parseStepPayTimestamp } from "./timestamps";

describe("parseStepPayTimestamp", () => {
  it("reads a zone-less StepPay timestamp as Korea time, whatever the server's zone", () => {
    expect(parseStepPayTimestamp("2026-11-22T15:00:00")?.toISOString()).toBe("2026-11-22T06:00:00.000Z");
    expect(parseStepPayTimestamp("2026-11-22T15:00:00.123456")?.toISOString()).toBe("2026-11-22T06:00:00.123Z");
  });

  it("keeps a zone that is given, and refuses what it cannot read", () => {
    expect(parseStepPayTimestamp("2026-11-22T15:00:00Z")?.toISOString()).toBe("2026-11-22T15:00:00.000Z");
    expect(parseStepPayTimestamp("2026-11-22T15:00:00+00:00")?.toISOString()).toBe("2026-11-22T15:00:00.000Z");
    expect(parseStepPayTimestamp("yesterday")).toBeNull();
    expect(parseStepPayTimestamp(null)).toBeNull();
  });
});
