import { guardAudience } from "@/lib/auth/guard";
import { describeFamilyHome, type FamilyHomeView } from "@/lib/domain/family-home";
import { loadFamilyHome } from "@/lib/services/family-home";

export type { FamilyHomeView } from "@/lib/domain/family-home";

/**
 * The family home (R-CAL-2): the guardian's own children. It names no resource to guard — the
 * list is read by the signed-in guardian's id, so it holds only their children (R-AUTH-1).
 */
export async function loadFamilyHomePage(): Promise<FamilyHomeView> {
  const { actor, db, now } = await guardAudience(["guardian"]);
  const children = actor.guardianId
    ? await loadFamilyHome(db, { guardianId: actor.guardianId }, now, { accountId: actor.accountId, guardianId: actor.guardianId })
    : [];
  return describeFamilyHome(children);
}
