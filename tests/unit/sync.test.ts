import { describe, expect, it } from "vitest";
import { nightRunKey } from "@/jobs/sync";
import { parisDateTime } from "@/lib/domain/paris-time";
import { BACKOFF_MAX_MS, backoffMs } from "@/lib/outbox/sender";

describe("nightly transfer: run key (R-SYNC-4)", () => {
  it("R-SYNC-4: names the night by the Paris day of its cut-off, not the UTC day", () => {
    expect(nightRunKey(parisDateTime("2026-11-24", "02:00"))).toBe("night:2026-11-24");
    // 23:30 UTC on the 23rd is already 00:30 on the 24th in Paris.
    expect(nightRunKey(new Date("2026-11-23T23:30:00Z"))).toBe("night:2026-11-24");
    // Summer time: 02:00 Paris is 00:00 UTC.
    expect(nightRunKey(parisDateTime("2027-06-15", "02:00"))).toBe("night:2027-06-15");
  });
});

describe("outbox: retry backoff", () => {
  it("doubles from 30 s after each failed attempt and stops growing at one hour", () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(30)).toBe(BACKOFF_MAX_MS);
    expect(backoffMs(0)).toBe(30_000);
  });
});
