import { notFound } from "next/navigation";
import { guardPage } from "@/lib/auth/guard";
import { findAcademy, findSchoolSummaries } from "@/lib/db/repositories/academies";
import { describeAcademyHome, type AcademyHomeView } from "@/lib/domain/academy-pages";

export type { AcademyHomeView } from "@/lib/domain/academy-pages";

/** The académie home: its schools and their counts (read:academy on the saio's own académie). */
export async function loadAcademyHomePage(): Promise<AcademyHomeView> {
  const { db, scope } = await guardPage({ roles: ["saio"], permission: "read:academy", resource: { type: "academy" } });
  const academy = await findAcademy(db, scope.academyId);
  if (!academy) notFound();
  return describeAcademyHome(academy.name, await findSchoolSummaries(db, scope.academyId));
}
