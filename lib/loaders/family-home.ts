import { guardAudience } from "@/lib/auth/guard";
import { describeFamilyHome, type FamilyHomeView } from "@/lib/domain/family-home";
import { loadFamilyHomeWithLinks } from "@/lib/services/family-home";

export type { FamilyHomeView } from "@/lib/domain/family-home";

/**
 * The family home (R-CAL-2, R-OVS-5): the guardian's own children, the phases of their campaign,
 * and their académies' pages for families, in the guidance language the guardian chose. It names
 * no resource to guard — the list is read by the signed-in guardian's id, so it holds only their
 * children (R-AUTH-1), and the académies are those children's.
 */
export async function loadFamilyHomePage(): Promise<FamilyHomeView> {
  const { actor, db, now } = await guardAudience(["guardian"]);
  // One statement: the children and their académies' pages for families (docs/performance.md).
  const { students: children, academies } = actor.guardianId
    ? await loadFamilyHomeWithLinks(db, { guardianId: actor.guardianId }, now, { accountId: actor.accountId, guardianId: actor.guardianId })
    : { students: [], academies: [] };
  return describeFamilyHome(children, now, { locale: actor.locale ?? "fr", academies });
}
