import { MAINTIEN_TEXT, REASON_LABELS } from "./decision";
import { formatParisDate } from "./paris-time";
import { specialtyLabel } from "./request-items";
import { describeTrack, type Level } from "./tracks";
import type { IsoDay } from "./working-days";

/*
 * R-FIN-8 / R-FIN-11 / R-FIN-12: the notice of an orientation decision, in one place, so that the
 * e-mail and the PDF the family downloads say the same thing: the voie, the reasons when it
 * differs from the family's request, the appeal deadline in jours ouvrables from receipt, the
 * appeal commission's president and address, and the droit au maintien (3e).
 */

export type NoticeFacts = {
  studentName: string;
  level: Level;
  schoolName: string;
  track: string;
  subTrack: string;
  /** R-2GT-3: the ranked spécialités of a 1re générale decided from the family's choice (none otherwise). */
  specialties?: readonly string[];
  source: "agreement" | "head" | "commission";
  differsFromRequest: boolean;
  reasonKnowledge: string | null;
  reasonAbilities: string | null;
  reasonInterests: string | null;
  decidedAt: Date;
  decidedByName: string;
  /** Day of receipt of the notice (null: not yet notified). */
  notifiedOn: IsoDay | null;
  noticeChannel: "email" | "paper" | null;
  appealDeadline: IsoDay | null;
  /** The académie's number of jours ouvrables (R-FIN-11, default 3). */
  appealWorkingDays: number;
  appealCommissionPresident: string;
  appealCommissionAddress: string;
};

// Built once: a formatter costs ~1 ms to build, and a night renders a notice per guardian (lib/transfer/decision-emails.ts).
const longDayFmt = new Intl.DateTimeFormat("fr-FR", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** «mardi 15 juin 2027». */
export function longDay(day: IsoDay): string {
  return longDayFmt.format(new Date(`${day}T12:00:00Z`));
}

export type NoticeSection = { title: string | null; paragraphs: string[] };

export const NOTICE_TITLE = "Notification de la décision d'orientation";

/** The 404 of the notice's download while no decision is published (R-FIN-11). */
export const NO_DECISION_PUBLISHED_MESSAGE = "Aucune décision d'orientation n'est encore publiée.";

/** The decided voie with its série or target and, for a 1re générale, its spécialités in rank order (R-2GT-3). */
export function decisionVoieLabel(n: Pick<NoticeFacts, "track" | "subTrack" | "specialties">): string {
  const specialties = n.specialties ?? [];
  return specialties.length === 0 ? describeTrack(n) : `${describeTrack(n)} (enseignements de spécialité : ${specialties.map(specialtyLabel).join(", ")})`;
}

/** The notice, as titled sections of plain paragraphs (rendered as text, HTML or PDF). */
export function noticeSections(n: NoticeFacts): NoticeSection[] {
  const track = decisionVoieLabel(n);
  const by = n.source === "commission" ? "La commission d'appel" : `Le chef d'établissement (${n.decidedByName})`;
  const sections: NoticeSection[] = [
    {
      title: null,
      paragraphs: [
        `${by} a pris, le ${formatParisDate(n.decidedAt)}, la décision d'orientation suivante pour ${n.studentName} (${n.schoolName}) : ${track}.`,
        n.source === "agreement"
          ? "Cette décision reprend la proposition du conseil de classe que vous avez acceptée."
          : n.source === "commission"
            ? "Cette décision de la commission d'appel est définitive."
            : n.differsFromRequest
              ? "Cette décision diffère de votre demande."
              : "Cette décision correspond à l'accord trouvé lors de l'entretien avec le chef d'établissement.",
      ],
    },
  ];
  // The reasons given (all three for a decision of the head, R-FIN-11; the commission's may have none).
  const reasons = (
    [
      [REASON_LABELS.knowledge, n.reasonKnowledge],
      [REASON_LABELS.abilities, n.reasonAbilities],
      [REASON_LABELS.interests, n.reasonInterests],
    ] as const
  )
    .filter(([, text]) => !!text && text.trim() !== "")
    .map(([label, text]) => `${label} : ${text}`);
  if (n.differsFromRequest && n.source !== "agreement" && reasons.length > 0) sections.push({ title: "Motifs de la décision", paragraphs: reasons });
  if (n.differsFromRequest && n.source !== "commission") {
    const commission = [
      n.appealCommissionPresident && `présidée par ${n.appealCommissionPresident}`,
      n.appealCommissionAddress && `${n.appealCommissionAddress}`,
    ]
      .filter(Boolean)
      .join(", ");
    const received =
      n.notifiedOn && n.appealDeadline
        ? `Notification reçue le ${longDay(n.notifiedOn)}${n.noticeChannel === "paper" ? " (remise en main propre)" : " (envoi par courrier électronique)"} : vous pouvez faire appel jusqu'au ${longDay(n.appealDeadline)} inclus.`
        : "Le délai d'appel court à compter de la réception de cette notification.";
    sections.push({
      title: "Voies de recours",
      paragraphs: [
        `Si vous n'êtes pas d'accord avec cette décision, vous pouvez faire appel devant la commission d'appel dans un délai de ${n.appealWorkingDays} jours ouvrables à compter de la réception de cette notification (le jour de la réception ne compte pas ; les dimanches et jours fériés ne sont pas des jours ouvrables).`,
        received,
        `L'appel est adressé par écrit au chef d'établissement, qui le transmet à la commission d'appel${commission ? ` ${commission}` : ""}.`,
      ],
    });
  }
  if (n.level === "3e" && n.differsFromRequest) sections.push({ title: "Droit au maintien", paragraphs: [MAINTIEN_TEXT] });
  return sections;
}

export function noticeText(n: NoticeFacts): string {
  return noticeSections(n)
    .map((s) => [s.title, ...s.paragraphs].filter((l): l is string => l !== null).join("\n"))
    .join("\n\n");
}
