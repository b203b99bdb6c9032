import { formatParisDate, formatParisDateTime } from "./paris-time";

/*
 * R-SCH-8: the pictograms of the student list. Each badge has a short visible mark and a full
 * label (shown as text to screen readers and in the export), so nothing rests on an icon alone.
 */

export type BadgeCode =
  "ts" | "school_entry" | "changed_by_school" | "non_traitee" | "avis" | "acknowledged" | "not_acknowledged" | "family_to_inform" | "out_of_procedure";

export type Badge = { code: BadgeCode; mark: string; label: string; tone: "info" | "success" | "warning" | "neutral" };

export type BadgeFacts = {
  outOfProcedure: { reason: string } | null;
  /** What the nightly transfer brought from the family service (R-SCH-2). */
  familyEntry: { enteredByName: string; enteredAt: Date; nonTraitee: boolean } | null;
  /** The back-office's intentions. */
  request: { source: "family" | "school"; enteredByName: string; enteredAt: Date; changedBySchool: { name: string; at: Date } | null } | null;
  opinionCount: number;
  acknowledgement: { byName: string; at: Date; familyToInform: boolean } | null;
};

export function studentBadges(f: BadgeFacts): Badge[] {
  const out: Badge[] = [];
  if (f.outOfProcedure) out.push({ code: "out_of_procedure", mark: "HP", label: `Hors procédure : ${f.outOfProcedure.reason}`, tone: "neutral" });
  if (f.familyEntry && !f.familyEntry.nonTraitee) {
    out.push({
      code: "ts",
      mark: "TS",
      label: `Saisie en ligne (TS) par ${f.familyEntry.enteredByName} le ${formatParisDateTime(f.familyEntry.enteredAt)}`,
      tone: "info",
    });
  }
  if (f.familyEntry?.nonTraitee) {
    out.push({
      code: "non_traitee",
      mark: "N",
      label: `Saisie en ligne par ${f.familyEntry.enteredByName} le ${formatParisDateTime(f.familyEntry.enteredAt)}, non traitée avant l'ouverture du conseil de classe`,
      tone: "warning",
    });
  }
  if (f.request?.source === "school") {
    out.push({
      code: "school_entry",
      mark: "É",
      label: `Saisie par l'établissement (${f.request.enteredByName}) le ${formatParisDate(f.request.enteredAt)}`,
      tone: "neutral",
    });
  }
  if (f.request?.changedBySchool) {
    out.push({
      code: "changed_by_school",
      mark: "M",
      label: `Saisie TS modifiée par l'établissement (${f.request.changedBySchool.name}) le ${formatParisDateTime(f.request.changedBySchool.at)}`,
      tone: "warning",
    });
  }
  if (f.opinionCount > 0) {
    out.push({ code: "avis", mark: "A", label: "Avis provisoires saisis", tone: "success" });
    if (f.acknowledgement) {
      out.push({
        code: "acknowledged",
        mark: "AR",
        label: `Accusé de réception par ${f.acknowledgement.byName} le ${formatParisDateTime(f.acknowledgement.at)}`,
        tone: "success",
      });
    } else {
      out.push({ code: "not_acknowledged", mark: "AR ✗", label: "Pas d'accusé de réception de la famille", tone: "neutral" });
    }
  } else if (f.acknowledgement) {
    out.push({
      code: "acknowledged",
      mark: "AR",
      label: `Accusé de réception par ${f.acknowledgement.byName} le ${formatParisDateTime(f.acknowledgement.at)}`,
      tone: "success",
    });
  }
  if (f.acknowledgement?.familyToInform) {
    out.push({ code: "family_to_inform", mark: "!", label: "Famille à informer : avis modifiés après l'accusé de réception", tone: "warning" });
  }
  return out;
}
