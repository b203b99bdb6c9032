import type { SchoolChangeVars } from "@/emails/school-change";

/** The school an e-mail of the tests signs with. */
export const SAMPLE_SCHOOL = {
  name: "Collège Les Tilleuls",
  address: "2 rue des Écoles",
  postalCode: "38000",
  city: "Grenoble",
  phone: "04 76 00 00 00",
  email: "ce@ac-test.fr",
};

/** A registered kind of e-mail (emails/registry.ts: the outbox queues no other), about `studentName`. */
export function sampleSchoolChangeVars(studentName = "Léa Martin"): SchoolChangeVars {
  return {
    civility: null,
    studentName,
    changedAt: "23/11/2026 à 10:15",
    originalEnteredBy: null,
    originalEnteredAt: null,
    items: ["2GT"],
    originalItems: ["CAP"],
    school: SAMPLE_SCHOOL,
  };
}
