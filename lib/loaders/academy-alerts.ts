import { guardPage } from "@/lib/auth/guard";
import { listTrackAlerts } from "@/lib/db/repositories/track-alerts";
import { formatParisDateTime } from "@/lib/domain/paris-time";
import { LEVEL_LABELS, type Level } from "@/lib/domain/tracks";
import { formatFrenchDay, sortTrackAlerts, trackAlertChoices, trackAlertScopeLabel, type TrackAlertChoice } from "@/lib/domain/track-alerts";

export type AcademyAlertRow = {
  id: string;
  level: Level;
  levelLabel: string;
  voie: string;
  message: string;
  dueOn: string;
  dueOnLabel: string;
  updated: string;
};
export type AcademyAlertsView = { alerts: AcademyAlertRow[]; choices: TrackAlertChoice[] };

/** R-OVS-3: the académie's alerts on a voie and the voies they may name: manage:academy on the saio's own académie. */
export async function loadAcademyAlertsPage(): Promise<AcademyAlertsView> {
  const { db, scope } = await guardPage({ roles: ["saio"], permission: "manage:academy", resource: { type: "academy" } });
  const alerts = sortTrackAlerts(await listTrackAlerts(db, scope.academyId));
  return {
    alerts: alerts.map((a) => ({
      id: a.id,
      level: a.level,
      levelLabel: LEVEL_LABELS[a.level],
      voie: trackAlertScopeLabel(a),
      message: a.message,
      dueOn: a.dueOn,
      dueOnLabel: formatFrenchDay(a.dueOn),
      updated: `${a.updatedByName}, le ${formatParisDateTime(a.updatedAt)}`,
    })),
    choices: trackAlertChoices(),
  };
}
