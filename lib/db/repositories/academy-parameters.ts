import { eq } from "drizzle-orm";
import type { AcademyParameters } from "@/lib/domain/academy-parameters";
import type { Queryable } from "../client";
import { academies } from "../schema";

export async function findAcademyParameters(q: Queryable, academyId: string) {
  const [a] = await q.select().from(academies).where(eq(academies.id, academyId));
  return a ?? null;
}

export async function updateAcademyParameters(q: Queryable, academyId: string, p: AcademyParameters) {
  await q.update(academies).set(p).where(eq(academies.id, academyId));
}
