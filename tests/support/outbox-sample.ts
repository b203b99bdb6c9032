import { schoolChangeEmail } from "@/emails/school-change";
import type { Queryable } from "@/lib/db/client";
import { queueEmail } from "@/lib/outbox/queue";
import { sampleSchoolChangeVars } from "./email-samples";

/** Queues one sample e-mail (a school change about «Léa Martin»), for tests of the outbox itself. */
export function queueSampleEmail(q: Queryable, opts: Parameters<typeof queueEmail>[3]) {
  return queueEmail(q, schoolChangeEmail, sampleSchoolChangeVars(), opts);
}
