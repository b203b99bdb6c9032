import { guardAudience } from "@/lib/auth/guard";
import { findAcademyFamilyLinks } from "@/lib/db/repositories/academies";
import { describeFamilyHome, type FamilyHomeView } from "@/lib/domain/family-home";
import { loadFamilyHome } from "@/lib/services/family-home";

export type { FamilyHomeView } from "@/lib/domain/family-home";

/**
 * The family home (R-CAL-2, R-OVS-5): the guardian's own children, the phases of their campaign,
 * and their académies' pages for families, in the guidance language the guardian chose. It names
 * no resource to guard — the list is read by the signed-in guardian's id, so it holds only their
 * children (R-AUTH-1), and the académies are those children's.
 */
export async function loadFamilyHomePage(): Promise<FamilyHomeView> {
  const { actor, db, now } = await guardAudience(["guardian"]);
  const children = actor.guardianId
    ? await loadFamilyHome(db, { guardianId: actor.guardianId }, now, { accountId: actor.accountId, guardianId: actor.guardianId })
    : [];
  const academies = await findAcademyFamilyLinks(db, [...new Set(children.map((c) => c.academyId))]);
  return describeFamilyHome(children, now, { locale: actor.locale ?? "fr", academies });
}
