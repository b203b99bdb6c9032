import { z } from "zod";
import { forbiddenCharactersMessage, hasForbiddenCharacters, isStrictDay, parseStrictDay } from "./inputs";
import { describeTrack, LEVEL_LABELS, LEVELS, PROFESSIONAL_PATHS, seriesShortLabel, TECHNOLOGICAL_SERIES, tracksOf, type Level } from "./tracks";

/*
 * R-OVS-3: the académie's alerts on a voie (or one série of it): a message and a date that a
 * family entering that voie reads next to it, on its page and in its recap e-mail. Pure: no
 * framework, no database, no clock.
 *
 * Match rule: an alert on (level, track, "") matches every entry of that voie (whatever its série
 * or target); an alert on (level, track, subTrack) matches the entries of that série only.
 */

export const TRACK_ALERT_MESSAGE_MAX = 1000;

/** An alert as stored (lib/db/schema/oversight.ts, track_alerts). */
export type TrackAlert = { id: string; level: Level; track: string; subTrack: string; message: string; dueOn: string };

/** What a family reads: the voie's label, the académie's message as written, and «avant le …». */
/** `due`: «avant le 1er mars 2027»; `dueDay`: «1er mars 2027» (for the translated label, R-OVS-5). */
export type TrackAlertNotice = { id: string; voie: string; message: string; due: string; dueDay: string };

/** The séries (1re technologique) or targets (voie professionnelle) an alert may name, or null for a voie without. */
export function subTracksOf(level: Level, track: string): Record<string, string> | null {
  if (level !== "2GT") return null;
  if (track === "1T") return Object.fromEntries(Object.keys(TECHNOLOGICAL_SERIES).map((k) => [k, seriesShortLabel(k)]));
  if (track === "VOIE_PRO") return { ...PROFESSIONAL_PATHS };
  return null;
}

/** Whether an alert concerns one entry (a ranked voie with its série or target) of a student of `level`. */
export function trackAlertMatches(
  alert: Pick<TrackAlert, "level" | "track" | "subTrack">,
  level: Level,
  item: { track: string; subTrack?: string | null },
): boolean {
  if (alert.level !== level || alert.track !== item.track) return false;
  return alert.subTrack === "" || alert.subTrack === (item.subTrack ?? "");
}

/** The alerts of one entry: the whole voie's first, then its série's. */
export function alertsForItem<A extends TrackAlert>(alerts: readonly A[], level: Level, item: { track: string; subTrack?: string | null }): A[] {
  return alerts.filter((a) => trackAlertMatches(a, level, item)).sort((a, b) => (a.subTrack === "" ? 0 : 1) - (b.subTrack === "" ? 0 : 1));
}

/** The alerts of a whole entry (intentions or choices), in the entry's order, each once. */
export function alertsForItems<A extends TrackAlert>(alerts: readonly A[], level: Level, items: readonly { track: string; subTrack?: string | null }[]): A[] {
  const seen = new Set<string>();
  const out: A[] = [];
  for (const item of items) {
    for (const a of alertsForItem(alerts, level, item)) {
      if (seen.has(a.id)) continue;
      seen.add(a.id);
      out.push(a);
    }
  }
  return out;
}

const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

/** "2027-03-01" → «1er mars 2027», "2027-03-15" → «15 mars 2027» (a calendar day, no time zone involved). */
export function formatFrenchDay(day: string): string {
  const p = parseStrictDay(day);
  if (!p) return day;
  return `${p.day === 1 ? "1er" : p.day} ${MONTHS[p.month - 1]} ${p.year}`;
}

/** The voie an alert names, as a family reads it: «1re technologique – série STD2A», «2de professionnelle». */
export function trackAlertVoie(alert: Pick<TrackAlert, "track" | "subTrack">): string {
  return describeTrack({ track: alert.track, subTrack: alert.subTrack });
}

/** The label of an alert's scope in the académie's list: the voie, «toute la voie» when it has séries. */
export function trackAlertScopeLabel(alert: Pick<TrackAlert, "level" | "track" | "subTrack">): string {
  const voie = trackAlertVoie(alert);
  if (alert.subTrack === "" && subTracksOf(alert.level, alert.track)) return `${voie} (toute la voie)`;
  return voie;
}

export function trackAlertNotice(alert: TrackAlert): TrackAlertNotice {
  const dueDay = formatFrenchDay(alert.dueOn);
  return { id: alert.id, voie: trackAlertVoie(alert), message: alert.message, due: `avant le ${dueDay}`, dueDay };
}

// The académie's form (lib/actions/track-alerts.ts): every refusal in French, named by field.
export const TRACK_ALERT_LEVEL_MESSAGE = "Choisissez le palier : 3e ou 2de générale et technologique.";
export const TRACK_ALERT_TRACK_MESSAGE = "Choisissez une voie de ce palier.";
export const TRACK_ALERT_SUBTRACK_MESSAGE = "Choisissez une série (ou une formation) de cette voie, ou toute la voie.";
export const TRACK_ALERT_NO_SUBTRACK_MESSAGE = "Cette voie n'a pas de série : l'alerte porte sur toute la voie.";
export const TRACK_ALERT_MESSAGE_EMPTY = "Saisissez le message de l'alerte.";
export const TRACK_ALERT_MESSAGE_TOO_LONG = `Le message ne peut pas dépasser ${TRACK_ALERT_MESSAGE_MAX.toLocaleString("fr-FR")} caractères.`;
export const TRACK_ALERT_MESSAGE_FORBIDDEN = forbiddenCharactersMessage("Le message");
export const TRACK_ALERT_DATE_MESSAGE = "La date n'est pas valide : saisissez un jour du calendrier (par exemple 15/03/2027).";
export const TRACK_ALERT_EXISTS_MESSAGE = "Une alerte existe déjà pour cette voie : modifiez-la dans la liste ci-dessous.";
export const TRACK_ALERT_NOT_FOUND_MESSAGE = "Cette alerte n'existe plus : la liste a été mise à jour.";

const message = z
  .string({ message: TRACK_ALERT_MESSAGE_EMPTY })
  // Windows line ends as one line end; spaces around the text are not part of it.
  .transform((s) => s.replace(/\r\n?/g, "\n").trim())
  .pipe(
    z
      .string()
      .min(1, TRACK_ALERT_MESSAGE_EMPTY)
      .max(TRACK_ALERT_MESSAGE_MAX, TRACK_ALERT_MESSAGE_TOO_LONG)
      .refine((s) => !hasForbiddenCharacters(s), TRACK_ALERT_MESSAGE_FORBIDDEN),
  );
const dueOn = z.string({ message: TRACK_ALERT_DATE_MESSAGE }).trim().refine(isStrictDay, TRACK_ALERT_DATE_MESSAGE);

/** An alert's content (message and date), the part an edit changes. */
export const trackAlertContentSchema = z.object({ message, dueOn });

/** A new alert: the voie (and série) of a level, a message and a date. */
export const trackAlertCreateSchema = z
  .object({
    level: z.enum(LEVELS, { message: TRACK_ALERT_LEVEL_MESSAGE }),
    track: z.string({ message: TRACK_ALERT_TRACK_MESSAGE }).trim(),
    subTrack: z
      .string()
      .trim()
      .optional()
      .transform((s) => s ?? ""),
    message,
    dueOn,
  })
  .superRefine((v, ctx) => {
    if (!Object.hasOwn(tracksOf(v.level), v.track)) {
      ctx.addIssue({ code: "custom", path: ["track"], message: TRACK_ALERT_TRACK_MESSAGE });
      return;
    }
    if (v.subTrack === "") return;
    const subs = subTracksOf(v.level, v.track);
    if (!subs) ctx.addIssue({ code: "custom", path: ["subTrack"], message: TRACK_ALERT_NO_SUBTRACK_MESSAGE });
    else if (!Object.hasOwn(subs, v.subTrack)) ctx.addIssue({ code: "custom", path: ["subTrack"], message: TRACK_ALERT_SUBTRACK_MESSAGE });
  });
export type TrackAlertCreate = z.infer<typeof trackAlertCreateSchema>;
export type TrackAlertContent = z.infer<typeof trackAlertContentSchema>;

export const trackAlertIdSchema = z.string().uuid(TRACK_ALERT_NOT_FOUND_MESSAGE);
export const trackAlertUpdateSchema = trackAlertContentSchema.extend({ id: trackAlertIdSchema });
export const trackAlertDeleteSchema = z.object({ id: trackAlertIdSchema });

/** The voies of each level with their séries, for the académie's form (a select per level). */
export type TrackAlertChoice = { level: Level; levelLabel: string; tracks: { code: string; label: string; subTracks: { code: string; label: string }[] }[] };
export function trackAlertChoices(): TrackAlertChoice[] {
  return LEVELS.map((level) => ({
    level,
    levelLabel: LEVEL_LABELS[level],
    tracks: Object.entries(tracksOf(level)).map(([code, label]) => ({
      code,
      label,
      subTracks: Object.entries(subTracksOf(level, code) ?? {}).map(([c, l]) => ({ code: c, label: l })),
    })),
  }));
}

/** The académie's list: by level (3e first), then voie in the level's order, the whole voie before its séries. */
export function sortTrackAlerts<A extends TrackAlert>(alerts: readonly A[]): A[] {
  const levelRank = (l: Level) => LEVELS.indexOf(l);
  const trackRank = (a: A) => Object.keys(tracksOf(a.level)).indexOf(a.track);
  const subRank = (a: A) => (a.subTrack === "" ? -1 : Object.keys(subTracksOf(a.level, a.track) ?? {}).indexOf(a.subTrack));
  return [...alerts].sort((a, b) => levelRank(a.level) - levelRank(b.level) || trackRank(a) - trackRank(b) || subRank(a) - subRank(b));
}

/** Whether a submitted alert says exactly what is stored (a replayed submit: nothing to write). */
export function sameTrackAlertContent(a: TrackAlertContent, b: TrackAlertContent): boolean {
  return a.message === b.message && a.dueOn === b.dueOn;
}
