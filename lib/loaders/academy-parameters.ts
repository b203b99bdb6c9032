import { notFound } from "next/navigation";
import { guardPage } from "@/lib/auth/guard";
import { findAcademy } from "@/lib/db/repositories/academies";
import { describeAcademyParameters, type AcademyParametersView } from "@/lib/domain/academy-pages";

export type { AcademyParametersView } from "@/lib/domain/academy-pages";

/** The académie's parameters (R-INT-5, R-2GT-5, R-FIN-11): manage:academy on the saio's own académie. */
export async function loadAcademyParametersPage(): Promise<AcademyParametersView> {
  const { db, scope } = await guardPage({ roles: ["saio"], permission: "manage:academy", resource: { type: "academy" } });
  const academy = await findAcademy(db, scope.academyId);
  if (!academy) notFound();
  return describeAcademyParameters(academy);
}
