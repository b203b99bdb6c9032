import type { SchoolChangeVars } from "@/emails/school-change";
import { schoolChangeEmail } from "@/emails/school-change";
import type { Queryable } from "@/lib/db/client";
import { queueEmail } from "@/lib/outbox/queue";

/** A registered kind of e-mail (emails/registry.ts: the outbox queues no other), for tests of the outbox itself. */
export function sampleSchoolChangeVars(studentName = "Léa Martin"): SchoolChangeVars {
  return {
    civility: null,
    studentName,
    changedAt: "23/11/2026 à 10:15",
    originalEnteredBy: null,
    originalEnteredAt: null,
    items: ["2GT"],
    originalItems: ["CAP"],
    school: {
      name: "Collège Les Tilleuls",
      address: "2 rue des Écoles",
      postalCode: "38000",
      city: "Grenoble",
      phone: "04 76 00 00 00",
      email: "ce@ac-test.fr",
    },
  };
}

/** Queues one sample e-mail (a school change about «Léa Martin»). */
export function queueSampleEmail(q: Queryable, opts: Parameters<typeof queueEmail>[3]) {
  return queueEmail(q, schoolChangeEmail, sampleSchoolChangeVars(), opts);
}
