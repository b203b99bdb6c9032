import { can, type Actor, type StudentScope } from "@/lib/auth/policy";
import { closedFileMessage } from "@/lib/domain/school-year";
import { recordAudit } from "@/lib/audit";
import type { Db, Queryable } from "@/lib/db/client";
import { arg, known, readTogether, readTogetherOnce } from "@/lib/db/read-together";
import { academyCampaignWindowsPart } from "@/lib/db/repositories/academy-calendar";
import { serviceClosuresPart } from "@/lib/db/repositories/campaign-state";
import {
  entryContextPart,
  familyRequestPart,
  findFamilyRequest,
  replaceRequestItems,
  takeHand,
  type FamilyRequestWithItems,
} from "@/lib/db/repositories/family-requests";
import { acknowledgementPart } from "@/lib/db/repositories/family-acknowledgements";
import { opinionsPublishedPart } from "@/lib/db/repositories/family-published";
import { publishedProposalsPart } from "@/lib/db/repositories/family-final";
import { familyServiceState, schoolYearOf, type FamilyServiceState } from "@/lib/domain/calendar";
import { DomainError } from "@/lib/domain/errors";
import { ACKNOWLEDGE_FIRST_MESSAGE, CHOICES_FROZEN_MESSAGE, NO_OPINIONS_EVER_MESSAGE, serviceMessageOf } from "@/lib/domain/family-page";
import { ADULT_STUDENT_ENTERS_MESSAGE, handTakenMessage, STUDENT_READ_ONLY_MESSAGE, fullItem, type Intention } from "@/lib/domain/intentions";
import { checkRequestItems, mustEnterOneMessage, requestItemsShape } from "@/lib/domain/request-items";
import { HandTakenError, sameRequestItems } from "@/lib/domain/family-writes";
import { lockStudents } from "@/lib/db/repositories/student-locks";
import { expireReminderEmails } from "@/lib/db/repositories/reminders";
import { offeredSpecialtiesPart } from "@/lib/db/repositories/school-settings";
import type { Phase } from "@/lib/domain/tracks";
import { markSessionChanged } from "@/lib/auth/session-lifecycle";

/** What a validation's checks read, per phase (the final phase adds the avis, the acknowledgement and the proposals). */
function checksOf(phase: Phase) {
  return readTogetherOnce((q) => {
    const id = arg("studentId");
    return {
      ctx: entryContextPart(q, id, phase),
      windows: academyCampaignWindowsPart(q, [arg("academyId")], arg("schoolYear")),
      closures: serviceClosuresPart(q, [arg("schoolId")]),
      offered: offeredSpecialtiesPart(q, arg("schoolId")),
      current: familyRequestPart(q, id, phase),
      opinionsPublished: phase === "final" ? opinionsPublishedPart(q, id) : known(true),
      ack: phase === "final" ? acknowledgementPart(q, id) : known(null),
      proposals: phase === "final" ? publishedProposalsPart(q, id) : known([]),
    };
  });
}
const readProvisionalChecks = checksOf("provisional");
const readFinalChecks = checksOf("final");

/** The French refusal for an actor who may read this file but not enter in it. */
export function assertMayEnter(actor: Actor, scope: StudentScope): void {
  if (can(actor, "enter:family-request", scope)) return;
  if (scope.closed) throw new DomainError("READ_ONLY", closedFileMessage(scope.closed));
  if (actor.role === "student") throw new DomainError("READ_ONLY", STUDENT_READ_ONLY_MESSAGE);
  throw new DomainError("READ_ONLY", scope.studentIsAdult ? ADULT_STUDENT_ENTERS_MESSAGE : STUDENT_READ_ONLY_MESSAGE);
}

type ServiceContext = {
  schoolId: string;
  academyId: string;
  level: "3e" | "2GT";
  outOfProcedureReason: string | null;
  councilState: string | null;
  schoolYear: string;
  leftOn: string | null;
  openYear: string;
};

/** R-CAL-1..3, R-SCH-3, R-SCH-12: whether the family service of a phase is open for this student now. */
export async function loadServiceState(q: Queryable, ctx: ServiceContext, phase: Phase, now: Date): Promise<FamilyServiceState> {
  const { windows, closures } = await readTogether(q, {
    windows: academyCampaignWindowsPart(q, [ctx.academyId], schoolYearOf(now)),
    closures: serviceClosuresPart(q, [ctx.schoolId]),
  });
  return serviceStateOf(ctx, windows, closures, phase, now);
}

/** The service state of a phase from the windows and closures already read. */
export function serviceStateOf(
  ctx: ServiceContext,
  windows: readonly { level: string; phase: string; opensAt: Date; closesAt: Date }[],
  closures: readonly { level: string; phase: string; closed: boolean }[],
  phase: Phase,
  now: Date,
): FamilyServiceState {
  return familyServiceState({
    window: windows.find((w) => w.level === ctx.level && w.phase === phase),
    schoolClosed: closures.some((c) => c.level === ctx.level && c.phase === phase && c.closed),
    councilOpen: ctx.councilState === "open",
    outOfProcedure: ctx.outOfProcedureReason !== null,
    file: ctx,
    now,
  });
}

/** `changed` false: the same entry was already saved by this account (a replay), nothing was written. */
export type ValidatedIntentions = { validatedAt: Date; version: number; holderName: string; items: Intention[]; changed: boolean };

/**
 * R-INT-1/2/3/5/6: validates a family's intentions (the provisional phase of validateFamilyRequest).
 */
export async function validateIntentions(
  db: Db,
  input: { actor: Actor; scope: StudentScope; sessionId: string; intentions: unknown; now: Date },
): Promise<ValidatedIntentions> {
  return validateFamilyRequest(db, { ...input, phase: "provisional" });
}

/**
 * R-INT-1/2/3/5/6, R-FIN-1/2/3: validates a family's intentions (provisional) or final choices
 * (final). The whole list replaces the previous one in one transaction, and the first validating
 * account takes the hand for the phase (each phase has its own holder). Never trusts the page:
 * the list is parsed again, the phase's service must be open, details must be allowed; the final
 * choices need the provisional avis acknowledged first, and are closed once proposals are published.
 * Idempotent (docs/decisions/010-idempotent-writes.md): under the student's row lock, the same
 * entry by the holder saves nothing, audits nothing and answers the saved entry; another
 * guardian's validation is refused with the holder's entry (HandTakenError), for the page to show.
 */
export async function validateFamilyRequest(
  db: Db,
  input: { actor: Actor; scope: StudentScope; sessionId: string; phase: Phase; intentions: unknown; now: Date },
): Promise<ValidatedIntentions> {
  const { actor, scope, now, phase } = input;
  assertMayEnter(actor, scope);
  const parsed = requestItemsShape.safeParse(input.intentions);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DomainError("INVALID_INTENTIONS", issue?.code === "unrecognized_keys" ? "Saisie invalide." : (issue?.message ?? "Saisie invalide."));
  }
  if (parsed.data.length === 0) throw new DomainError("INVALID_INTENTIONS", mustEnterOneMessage(phase));

  return db.transaction(async (tx) => {
    await lockStudents(tx, [scope.studentId]);
    // Under the lock, everything the checks need in one statement built once (docs/performance.md).
    const final = phase === "final";
    const read = await (final ? readFinalChecks : readProvisionalChecks)(tx, {
      studentId: scope.studentId,
      academyId: scope.academyId,
      schoolId: scope.schoolId,
      schoolYear: schoolYearOf(now),
    });
    const { ctx, current } = read;
    if (!ctx) throw new DomainError("UNKNOWN_STUDENT", "Élève introuvable.");
    const service = serviceStateOf(ctx, read.windows, read.closures, phase, now);
    if (!service.open) throw new DomainError("SERVICE_CLOSED", serviceMessageOf(service, phase)!.text);
    // R-INT-2..5, R-2GT-1..5: the rules of every request, with the lycée's spécialités and the académie's switches.
    const offeredSpecialties = ctx.level === "2GT" ? read.offered : [];
    const items = checkItems(() =>
      checkRequestItems(
        { level: ctx.level, phase, offeredSpecialties, allowTrackDetails: ctx.allowTrackDetails, allowStagePasserelle: ctx.allowStagePasserelle },
        parsed.data,
      ),
    );
    if (final) {
      // R-FIN-2: the provisional avis acknowledged first; R-FIN-6: no change once proposals are published.
      if (!read.opinionsPublished) throw new DomainError("NO_OPINIONS", NO_OPINIONS_EVER_MESSAGE);
      if (!read.ack) throw new DomainError("ACK_FIRST", ACKNOWLEDGE_FIRST_MESSAGE);
      if (read.proposals.length > 0) throw new DomainError("PROPOSALS_PUBLISHED", CHOICES_FROZEN_MESSAGE);
    }

    if (current && current.holderAccountId !== actor.accountId) throw handTaken(current, phase, now);
    if (current && sameRequestItems(current.items, items)) {
      return { validatedAt: current.validatedAt, version: current.version, holderName: current.holderName, items: current.items, changed: false };
    }
    const hand = await takeHand(tx, { studentId: scope.studentId, phase, accountId: actor.accountId, holderName: actor.displayName, at: now });
    if (!hand) throw handTaken(await findFamilyRequest(tx, scope.studentId, phase), phase, now);
    await replaceRequestItems(tx, hand.id, items);
    // R-OVS-2: never a reminder once validated: its e-mails still waiting in the outbox expire here.
    await expireReminderEmails(tx, scope.studentId, phase);
    await recordAudit(
      tx,
      { accountId: actor.accountId, displayName: actor.displayName },
      phase === "provisional" ? "family.intentions.validate" : "family.final-choices.validate",
      { type: "student", id: scope.studentId },
      { phase, version: hand.version, items: items.map((i) => (i.subTrack ? `${i.track}:${i.subTrack}` : i.track)) },
      now,
    );
    // R-INT-8: the end of this session sends the recap e-mails.
    await markSessionChanged(tx, input.sessionId, now);
    return { validatedAt: now, version: hand.version, holderName: actor.displayName, items, changed: true };
  });
}

/** R-INT-1 / R-FIN-3: the refusal of the guardian who does not hold the hand, with the holder's entry. */
function handTaken(held: FamilyRequestWithItems | null, phase: Phase, now: Date): HandTakenError {
  const message = handTakenMessage(held?.holderName ?? "l'autre représentant légal", held?.validatedAt ?? now, phase);
  return new HandTakenError(message, held ? { holderName: held.holderName, validatedAt: held.validatedAt, items: held.items.map(fullItem) } : null);
}

/** The family's refusals keep one code (the académie's details switch keeps its own, R-INT-5). */
function checkItems<T>(check: () => T): T {
  try {
    return check();
  } catch (e) {
    if (e instanceof DomainError && e.code !== "DETAILS_NOT_ALLOWED" && e.code !== "STAGE_PASSERELLE_NOT_ALLOWED") {
      throw new DomainError("INVALID_INTENTIONS", e.message, e.fieldErrors);
    }
    throw e;
  }
}
