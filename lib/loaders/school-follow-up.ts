import { guardPage } from "@/lib/auth/guard";
import { parseSearchParams, type RawSearchParams } from "@/lib/domain/inputs";
import { SCHOOL_STAFF_ROLES } from "@/lib/domain/school-home";
import { describeFamilyEntryFollowUp, describeFinalFollowUp, parseFollowUpPhase, type FinalFollowUpView, type FollowUpView } from "@/lib/domain/school-lists";
import { loadFamilyEntryFollowUp, loadFinalFollowUp } from "@/lib/services/school-students";

export type FollowUpPageView = { phase: "provisional"; provisional: FollowUpView } | { phase: "final"; final: FinalFollowUpView };

/** R-SCH-11: "Suivi des saisies TS" of a phase (?phase=final), restricted like the list (R-SCH-14). */
export async function loadSchoolFollowUpPage(searchParams: RawSearchParams = {}): Promise<FollowUpPageView> {
  const { actor, db, scope } = await guardPage({ roles: SCHOOL_STAFF_ROLES, permission: "read:school", resource: { type: "school" } });
  const query = parseSearchParams(searchParams);
  if (parseFollowUpPhase(query.ok ? query.params : {}) === "final") {
    return { phase: "final", final: describeFinalFollowUp(await loadFinalFollowUp(db, actor, scope.schoolId)) };
  }
  return { phase: "provisional", provisional: describeFamilyEntryFollowUp(await loadFamilyEntryFollowUp(db, actor, scope.schoolId)) };
}
