import type { Actor, SchoolScope } from "@/lib/auth/policy";
import { recordAudit } from "@/lib/audit";
import type { Db } from "@/lib/db/client";
import { findAcademyCampaignWindows } from "@/lib/db/repositories/academy-calendar";
import { findSchoolLevels } from "@/lib/db/repositories/school-settings";
import { lockSchoolYear, moveSchoolToYear } from "@/lib/db/repositories/school-year";
import { schoolYearOf } from "@/lib/domain/calendar";
import { DomainError } from "@/lib/domain/errors";
import { checkRollover, isSchoolYear, nextSchoolYear } from "@/lib/domain/school-year";

export type RolloverResult = { schoolYear: string; changed: boolean };

/**
 * R-DATA-3: the head closes the school's year and opens the next one. Every file of the closed
 * year stays readable and printable (lists, fiches, exports by year) and is written by nobody
 * (lib/auth/policy.ts `closed`); the new year starts from a fresh import of Siècle's exports
 * (R-DATA-1). `fromYear` is the year the head saw: a replay after the change is answered with
 * the new year and changes nothing; a confirmation made on a stale page is refused.
 */
export async function rollOverSchoolYear(
  db: Db,
  actor: Actor,
  school: SchoolScope,
  input: { fromYear: string; confirmed: boolean },
  now: Date,
): Promise<RolloverResult> {
  if (!isSchoolYear(input.fromYear)) throw new DomainError("INVALID_YEAR", "L'année scolaire indiquée n'est pas valide.");
  return db.transaction(async (tx) => {
    const openYear = await lockSchoolYear(tx, school.schoolId);
    if (openYear === null) throw new DomainError("UNKNOWN_SCHOOL", "Établissement introuvable.");
    if (openYear === nextSchoolYear(input.fromYear)) return { schoolYear: openYear, changed: false };
    if (openYear !== input.fromYear) {
      throw new DomainError("STALE_YEAR", `L'établissement est en année scolaire ${openYear} : rechargez la page avant de changer d'année.`);
    }
    const levels = await findSchoolLevels(tx, school.schoolId);
    const windows = (await findAcademyCampaignWindows(tx, school.academyId, openYear)).filter((w) => levels.includes(w.level));
    const check = checkRollover({ openYear, now, calendarYear: schoolYearOf(now), windows });
    if (!check.ok) throw new DomainError("CAMPAIGN_NOT_OVER", check.message);
    if (!input.confirmed) {
      throw new DomainError(
        "CONFIRMATION_REQUIRED",
        `Passer à l'année scolaire ${check.nextYear} ? Les dossiers de l'année ${openYear} resteront consultables et imprimables mais ne pourront plus être modifiés. La nouvelle année commence par l'import des exports de Siècle.`,
      );
    }
    const moved = await moveSchoolToYear(tx, school.schoolId, check.nextYear);
    await recordAudit(tx, actor, "school.year.rollover", { type: "school", id: school.schoolId }, { from: openYear, to: check.nextYear, ...moved }, now);
    return { schoolYear: check.nextYear, changed: true };
  });
}
