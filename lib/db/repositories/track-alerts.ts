import { and, eq } from "drizzle-orm";
import type { TrackAlert, TrackAlertContent, TrackAlertCreate } from "@/lib/domain/track-alerts";
import type { Queryable } from "../client";
import { jsonFields, readOne, rows, type Part } from "../read-together";
import { trackAlerts } from "../schema";

/* R-OVS-3: the académie's alerts on a voie (lib/db/schema/oversight.ts). */

const alertFields = {
  id: trackAlerts.id,
  level: trackAlerts.level,
  track: trackAlerts.track,
  subTrack: trackAlerts.subTrack,
  message: trackAlerts.message,
  dueOn: trackAlerts.dueOn,
};

export type StoredTrackAlert = TrackAlert & { updatedByName: string; updatedAt: Date };

/** The académie's alerts (of one level, or all), as a part of a page's one read (lib/db/read-together.ts). */
export function trackAlertsPart(q: Queryable, academyId: string): Part<TrackAlert[]> {
  return rows(alertFields, q.select(jsonFields(alertFields)).from(trackAlerts).where(eq(trackAlerts.academyId, academyId)), ["level", "track", "subTrack"]);
}

export function findTrackAlerts(q: Queryable, academyId: string): Promise<TrackAlert[]> {
  return readOne(q, trackAlertsPart(q, academyId));
}

/** The académie's list: each alert with who changed it last and when. */
export async function listTrackAlerts(q: Queryable, academyId: string): Promise<StoredTrackAlert[]> {
  return q
    .select({ ...alertFields, updatedByName: trackAlerts.updatedByName, updatedAt: trackAlerts.updatedAt })
    .from(trackAlerts)
    .where(eq(trackAlerts.academyId, academyId));
}

/** One alert of the académie, locked for the write that follows (null: none, or another académie's). */
export async function lockTrackAlert(q: Queryable, academyId: string, id: string): Promise<TrackAlert | null> {
  const [a] = await q
    .select(alertFields)
    .from(trackAlerts)
    .where(and(eq(trackAlerts.academyId, academyId), eq(trackAlerts.id, id)))
    .for("update");
  return a ?? null;
}

/** The alert on one voie (or série) of the académie, locked (the unique key's row). */
export async function lockTrackAlertOn(
  q: Queryable,
  academyId: string,
  key: Pick<TrackAlertCreate, "level" | "track" | "subTrack">,
): Promise<TrackAlert | null> {
  const [a] = await q
    .select(alertFields)
    .from(trackAlerts)
    .where(
      and(eq(trackAlerts.academyId, academyId), eq(trackAlerts.level, key.level), eq(trackAlerts.track, key.track), eq(trackAlerts.subTrack, key.subTrack)),
    )
    .for("update");
  return a ?? null;
}

/** Inserts an alert unless the voie already has one (the unique key decides a race): the new row, or null. */
export async function insertTrackAlert(q: Queryable, academyId: string, a: TrackAlertCreate, by: { name: string; at: Date }): Promise<TrackAlert | null> {
  const [row] = await q
    .insert(trackAlerts)
    .values({ academyId, level: a.level, track: a.track, subTrack: a.subTrack, message: a.message, dueOn: a.dueOn, updatedByName: by.name, updatedAt: by.at })
    .onConflictDoNothing({ target: [trackAlerts.academyId, trackAlerts.level, trackAlerts.track, trackAlerts.subTrack] })
    .returning(alertFields);
  return row ?? null;
}

export async function updateTrackAlert(q: Queryable, academyId: string, id: string, c: TrackAlertContent, by: { name: string; at: Date }): Promise<void> {
  await q
    .update(trackAlerts)
    .set({ message: c.message, dueOn: c.dueOn, updatedByName: by.name, updatedAt: by.at })
    .where(and(eq(trackAlerts.academyId, academyId), eq(trackAlerts.id, id)));
}

export async function deleteTrackAlert(q: Queryable, academyId: string, id: string): Promise<boolean> {
  const gone = await q
    .delete(trackAlerts)
    .where(and(eq(trackAlerts.academyId, academyId), eq(trackAlerts.id, id)))
    .returning({ id: trackAlerts.id });
  return gone.length > 0;
}
