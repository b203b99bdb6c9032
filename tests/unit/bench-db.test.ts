import { describe, expect, it } from "vitest";
import { BENCH_DB_MARKER, decideBenchDb, mayDropBenchDb } from "@/bench/support/bench-db";
import { campaignShape } from "@/bench/support/sync-campaign";

describe("bench:sync's own database (bench/support/bench-db.ts)", () => {
  it("creates a database that does not exist, recreates one it marked, refuses any other", () => {
    expect(decideBenchDb("orientation_bench_sync", null)).toEqual({ action: "create" });
    expect(decideBenchDb("orientation_bench_sync", { comment: BENCH_DB_MARKER })).toEqual({ action: "recreate" });
    for (const comment of [null, "", "orientation:bench-sync (copie)", "base de production"]) {
      const d = decideBenchDb("orientation", { comment });
      expect(d.action).toBe("refuse");
      expect(d.action === "refuse" && d.reason).toContain("n'a pas été créée par le banc d'essai");
    }
  });

  it("never drops a database without its mark", () => {
    expect(mayDropBenchDb("orientation_bench_sync", BENCH_DB_MARKER)).toEqual({ ok: true });
    expect(mayDropBenchDb("orientation", null).ok).toBe(false);
    expect(mayDropBenchDb("orientation", "autre chose").ok).toBe(false);
  });

  it("takes only a plain database name (it goes into CREATE and DROP DATABASE)", () => {
    for (const name of ["Orientation", "a-b", "x; drop database postgres", "", "a".repeat(64)]) {
      expect(decideBenchDb(name, null).action).toBe("refuse");
    }
    expect(decideBenchDb("orientation_bench_h4", null)).toEqual({ action: "create" });
  });

  it("counts the campaign's rows as the generator makes them (n = 1 … N)", () => {
    expect(campaignShape(8)).toEqual({
      students: 8,
      guardians: 16,
      intentions: 24,
      avis: 12, // n even: 2, 4, 6, 8
      finalEntries: 4, // n odd
      finalChoices: 8,
      proposals: 4, // n ≡ 3 (mod 4): 3, 7
      answers: 1, // n ≡ 3 (mod 8): 3
      agreements: 1,
    });
    expect(campaignShape(1_400_000)).toMatchObject({ avis: 2_100_000, finalEntries: 700_000, proposals: 700_000, answers: 175_000 });
  });
});
