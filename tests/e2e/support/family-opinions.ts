import { withDb } from "./fixtures";

/*
 * Publishes avis provisoires to a family directly in the e2e database, as the nightly transfer
 * would (R-SYNC-2): one row per validated intention, same voie and details, with the given avis.
 */
export async function publishOpinionsForValidatedIntentions(
  studentId: string,
  opinions: { value: "favorable" | "reserve" | "defavorable"; comment?: string }[],
): Promise<void> {
  await withDb(async (c) => {
    const items = await c.query<{ rank: number; track: string; free_text: string | null; status_school: boolean; status_apprentice: boolean }>(
      `select i.rank, i.track, i.free_text, i.status_school, i.status_apprentice
         from family_request_items i join family_requests r on r.id = i.request_id
        where r.student_id = $1 and r.phase = 'provisional' order by i.rank`,
      [studentId],
    );
    for (const item of items.rows) {
      const o = opinions[item.rank - 1] ?? { value: "favorable" as const };
      await c.query(
        `insert into family_published_opinions (student_id, rank, track, sub_track, free_text, status_school, status_apprentice, value, comment, published_at)
         values ($1, $2, $3, '', $4, $5, $6, $7, $8, now())`,
        [studentId, item.rank, item.track, item.free_text, item.status_school, item.status_apprentice, o.value, o.comment ?? null],
      );
    }
  });
}
