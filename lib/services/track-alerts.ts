import type { Actor } from "@/lib/auth/policy";
import { recordAudit } from "@/lib/audit";
import type { Db } from "@/lib/db/client";
import { deleteTrackAlert, insertTrackAlert, lockTrackAlert, lockTrackAlertOn, updateTrackAlert } from "@/lib/db/repositories/track-alerts";
import { DomainError } from "@/lib/domain/errors";
import {
  sameTrackAlertContent,
  TRACK_ALERT_EXISTS_MESSAGE,
  TRACK_ALERT_NOT_FOUND_MESSAGE,
  trackAlertContentSchema,
  trackAlertCreateSchema,
  type TrackAlert,
  type TrackAlertContent,
  type TrackAlertCreate,
} from "@/lib/domain/track-alerts";

/*
 * R-OVS-3: the saio's alerts on a voie of their académie. Each write is audited in its own
 * transaction and safe to replay (docs/decisions/010-idempotent-writes.md): the same alert
 * submitted twice (a double click, a replayed POST) is the saved one, with no second row and no
 * second audit line; the unique key (académie, level, voie, série) decides two concurrent creates.
 */

export type TrackAlertWrite = { alert: TrackAlert; changed: boolean };

const entity = (academyId: string) => ({ type: "academy", id: academyId });
const auditDetails = (a: TrackAlert) => ({ id: a.id, level: a.level, track: a.track, subTrack: a.subTrack, message: a.message, dueOn: a.dueOn });

/** Creates the alert of a voie. The same alert again: `changed: false`. Another message or date on that voie: refused (edit it instead). */
export async function createTrackAlert(db: Db, actor: Actor, academyId: string, input: TrackAlertCreate, now: Date): Promise<TrackAlertWrite> {
  const a = trackAlertCreateSchema.parse(input);
  return db.transaction(async (tx) => {
    const created = await insertTrackAlert(tx, academyId, a, { name: actor.displayName, at: now });
    if (created) {
      await recordAudit(tx, actor, "track_alert.create", entity(academyId), auditDetails(created), now);
      return { alert: created, changed: true };
    }
    // The voie has its alert already (this very submit replayed, or another one).
    const existing = await lockTrackAlertOn(tx, academyId, a);
    if (existing && sameTrackAlertContent(existing, a)) return { alert: existing, changed: false };
    throw new DomainError("TRACK_ALERT_EXISTS", TRACK_ALERT_EXISTS_MESSAGE, { track: [TRACK_ALERT_EXISTS_MESSAGE] });
  });
}

/** Changes an alert's message and date. Unchanged content: `changed: false`, nothing written. */
export async function editTrackAlert(db: Db, actor: Actor, academyId: string, id: string, input: TrackAlertContent, now: Date): Promise<TrackAlertWrite> {
  const c = trackAlertContentSchema.parse(input);
  return db.transaction(async (tx) => {
    const current = await lockTrackAlert(tx, academyId, id);
    if (!current) throw new DomainError("TRACK_ALERT_NOT_FOUND", TRACK_ALERT_NOT_FOUND_MESSAGE);
    if (sameTrackAlertContent(current, c)) return { alert: current, changed: false };
    await updateTrackAlert(tx, academyId, id, c, { name: actor.displayName, at: now });
    const alert = { ...current, ...c };
    await recordAudit(
      tx,
      actor,
      "track_alert.update",
      entity(academyId),
      { ...auditDetails(alert), before: { message: current.message, dueOn: current.dueOn } },
      now,
    );
    return { alert, changed: true };
  });
}

/** Deletes an alert. Already gone (a replay, or the other tab's delete): `deleted: false`, no audit line. */
export async function removeTrackAlert(db: Db, actor: Actor, academyId: string, id: string, now: Date): Promise<{ deleted: boolean }> {
  return db.transaction(async (tx) => {
    const current = await lockTrackAlert(tx, academyId, id);
    if (!current) return { deleted: false };
    await deleteTrackAlert(tx, academyId, id);
    await recordAudit(tx, actor, "track_alert.delete", entity(academyId), auditDetails(current), now);
    return { deleted: true };
  });
}
