"use client";

import { createContext, useContext } from "react";
import { alertsForItem, trackAlertNotice, type TrackAlert, type TrackAlertNotice } from "@/lib/domain/track-alerts";
import type { Level } from "@/lib/domain/tracks";
import { guidance, type Locale } from "@/lib/i18n/guidance";
import { GuidanceSpan } from "./language-block";

/*
 * R-OVS-3: the académie's alerts on a voie, next to each voie the family enters (in the entry
 * being made, before validation, and in the validated recap). The pages of a student's file
 * provide the alerts of the student's académie and level; elsewhere (no provider) nothing shows.
 * The académie's message is shown as the académie wrote it (French); the words around it follow the
 * family's language of the guidance texts (R-OVS-5).
 */
const TrackAlertsContext = createContext<{ level: Level; alerts: readonly TrackAlert[]; locale: Locale } | null>(null);

export function TrackAlertsProvider({
  level,
  alerts,
  locale = "fr",
  children,
}: {
  level: Level;
  alerts: readonly TrackAlert[];
  locale?: Locale;
  children: React.ReactNode;
}) {
  return <TrackAlertsContext.Provider value={{ level, alerts, locale }}>{children}</TrackAlertsContext.Provider>;
}

/** The alerts of one entered voie (with its série or target), each as a notice; nothing when none. */
export function TrackAlertNotices({ item }: { item: { track: string | null; subTrack?: string | null } }) {
  const ctx = useContext(TrackAlertsContext);
  if (!ctx || !item.track) return null;
  const notices = alertsForItem(ctx.alerts, ctx.level, { track: item.track, subTrack: item.subTrack }).map(trackAlertNotice);
  if (notices.length === 0) return null;
  return (
    <div className="mt-2 space-y-2">
      {notices.map((n) => (
        <TrackAlertNoticeBox key={n.id} notice={n} locale={ctx.locale} />
      ))}
    </div>
  );
}

/** One alert: «Attention : <the académie's message>», and the date before which to act. */
export function TrackAlertNoticeBox({ notice, locale = "fr" }: { notice: TrackAlertNotice; locale?: Locale }) {
  return (
    <div className="rounded border-l-4 border-warning bg-orange-50 p-2 text-sm" data-track-alert={notice.id}>
      <p>
        <strong className="text-warning">
          <GuidanceSpan g={guidance(locale, "alert.attention")} />
        </strong>
        <span lang="fr" className="whitespace-pre-line">
          {notice.message}
        </span>
      </p>
      <p className="font-medium">
        <GuidanceSpan g={guidance(locale, "alert.due", { date: notice.dueDay })} />
      </p>
    </div>
  );
}
