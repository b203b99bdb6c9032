import { guardAudience, guardPage } from "@/lib/auth/guard";
import { readFamilyFile, type FamilyFileView } from "./family-file";

/**
 * The student's home: their own orientation file, read-only (R-INT-1), or entered by themself
 * when they are an adult (R-AUTH-4) — the same view as their guardians'. Null when the file
 * cannot be read (the page says so).
 */
export async function loadStudentHomePage(): Promise<FamilyFileView | null> {
  // The session is read once per request (getSignedIn is memoised): this names the resource.
  const { actor } = await guardAudience(["student"]);
  const { db, scope, now } = await guardPage({ roles: ["student"], permission: "read:student-file", resource: { type: "student", id: actor.studentId ?? "" } });
  return readFamilyFile(db, actor, scope, now);
}
