import { DomainError } from "./errors";
import { formatParisDateTime } from "./paris-time";
import { itemDescriber } from "./school-requests";
import type { TrackItem } from "./tracks";
import { personName } from "./person-name";

/*
 * R-FIN-10 «Saisie des réponses des familles»: the school enters the answer of a family that
 * does not use the online service (accept one or several proposals of the council, or refuse
 * them all) and the other guardian's agreement (R-FIN-7). Pure: the rules of an entry (`planSchoolAnswer`)
 * and the screen's view-model (`describeFamilyAnswersPage`).
 */

export type Source = "family" | "school";
export type AnswerKind = "accept" | "refuse_all";

export type ProposalFact = TrackItem & {
  id: string;
  kind: "answer_to_choice" | "extra";
  /** «Oui» / «Non» of the council on a family choice; null for a voie it proposes (extra). */
  answer: "yes" | "no" | null;
  motivation: string | null;
};

export type GuardianFact = { id: string; rank: number; civility: string | null; firstName: string; lastName: string };

export type AnswerFact = { source: Source; kind: AnswerKind; acceptedProposalIds: string[]; answeredByName: string; answeredAt: Date };

export type AgreementFact = { guardianId: string; source: Source; agrees: boolean; answeredByName: string; answeredAt: Date };

/** What the back-office holds about one student's answer. */
export type StudentAnswerFacts = {
  proposals: ProposalFact[];
  guardians: GuardianFact[];
  answer: AnswerFact | null;
  agreements: AgreementFact[];
};

/** The school's entry, as the form sends it. */
export type SchoolAnswerInput = {
  kind: AnswerKind;
  acceptedProposalIds: string[];
  /** The guardian who gave the answer (on paper): their agreement with their own answer is implied. */
  answeredByGuardianId: string;
  /** The other guardian's agreement; null when not given (yet). */
  otherAgreement: boolean | null;
  confirmed: boolean;
};

export const NO_PROPOSAL_MESSAGE = "Le conseil de classe n'a fait aucune proposition pour cet élève : aucune réponse ne peut être saisie.";
export const NOTHING_ACCEPTED_MESSAGE = "Cochez au moins une proposition acceptée, ou indiquez que la famille les refuse toutes.";
export const FOREIGN_PROPOSAL_MESSAGE = "Une proposition choisie n'est pas une proposition du conseil de classe pour cet élève.";
export const REFUSED_PROPOSAL_MESSAGE = "Une proposition à laquelle le conseil de classe a répondu « Non » ne peut pas être acceptée.";
export const REFUSE_WITH_IDS_MESSAGE = "La famille refuse toutes les propositions : aucune proposition ne peut être cochée.";
export const FOREIGN_GUARDIAN_MESSAGE = "Le représentant légal choisi n'est pas un représentant légal de cet élève.";
export const NO_OTHER_GUARDIAN_MESSAGE = "L'élève n'a qu'un représentant légal : il n'y a pas d'accord d'un autre représentant à saisir.";

/** The proposals a family may accept: a family choice answered «Oui», or a voie proposed by the council. */
export function isAcceptable(p: Pick<ProposalFact, "kind" | "answer">): boolean {
  return p.kind === "extra" || p.answer === "yes";
}

/** R-FIN-10: the head is warned before replacing what the family entered online (TS). */
/** The family's answer reached the back-office while the head was entering one (R-FIN-10). */
export const ANSWER_CHANGED_MEANWHILE_MESSAGE =
  "La réponse de la famille a changé depuis l'affichage de la page (réponse en ligne reçue). Rechargez la page pour la consulter avant de saisir.";

export function onlineAnswerConfirmationMessage(answer: Pick<AnswerFact, "answeredByName" | "answeredAt">): string {
  return `Attention : la famille a déjà répondu en ligne (TS, ${answer.answeredByName}, le ${formatParisDateTime(answer.answeredAt)}). Confirmez pour remplacer sa réponse par celle que vous saisissez.`;
}

export type SchoolAnswerPlan =
  | { changed: false }
  | {
      changed: true;
      /** null: the answer is kept as it is (only an agreement changes). */
      answer: { kind: AnswerKind; acceptedProposalIds: string[] } | null;
      /** A new answer voids every agreement given with the previous one. */
      clearAgreements: boolean;
      agreements: { guardianId: string; agrees: boolean }[];
    };

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * R-FIN-10: what one entry of the school writes, or the French refusal. Proposals and guardians
 * must be this student's own; a «Non» cannot be accepted; replacing an online answer (or an
 * online agreement) needs the confirmation; the same entry twice writes nothing (idempotent).
 */
export function planSchoolAnswer(facts: StudentAnswerFacts, input: SchoolAnswerInput): SchoolAnswerPlan {
  if (facts.proposals.length === 0) throw new DomainError("NO_PROPOSAL", NO_PROPOSAL_MESSAGE);
  const ids = [...new Set(input.acceptedProposalIds)];
  if (input.kind === "accept") {
    if (ids.length === 0) throw new DomainError("NOTHING_ACCEPTED", NOTHING_ACCEPTED_MESSAGE, { acceptedProposalIds: [NOTHING_ACCEPTED_MESSAGE] });
    for (const id of ids) {
      const p = facts.proposals.find((x) => x.id === id);
      if (!p) throw new DomainError("FOREIGN_PROPOSAL", FOREIGN_PROPOSAL_MESSAGE);
      if (!isAcceptable(p)) throw new DomainError("REFUSED_PROPOSAL", REFUSED_PROPOSAL_MESSAGE);
    }
  } else if (ids.length > 0) {
    throw new DomainError("REFUSE_WITH_IDS", REFUSE_WITH_IDS_MESSAGE);
  }
  if (!facts.guardians.some((g) => g.id === input.answeredByGuardianId)) throw new DomainError("FOREIGN_GUARDIAN", FOREIGN_GUARDIAN_MESSAGE);
  const other = facts.guardians.find((g) => g.id !== input.answeredByGuardianId) ?? null;
  if (input.otherAgreement !== null && !other) throw new DomainError("NO_OTHER_GUARDIAN", NO_OTHER_GUARDIAN_MESSAGE);

  const current = facts.answer;
  const agreementOf = (guardianId: string) => facts.agreements.find((a) => a.guardianId === guardianId) ?? null;
  const answererAgreement = agreementOf(input.answeredByGuardianId);
  const sameAnswer =
    current !== null &&
    current.source === "school" &&
    current.kind === input.kind &&
    sameIds(current.acceptedProposalIds, ids) &&
    answererAgreement !== null &&
    answererAgreement.source === "school" &&
    answererAgreement.agrees;

  if (sameAnswer) {
    const otherCurrent = other ? agreementOf(other.id) : null;
    if (!other || input.otherAgreement === null || otherCurrent?.agrees === input.otherAgreement) {
      return { changed: false };
    }
    if (otherCurrent?.source === "family" && !input.confirmed) {
      throw new DomainError("CONFIRMATION_REQUIRED", onlineAnswerConfirmationMessage(otherCurrent));
    }
    return { changed: true, answer: null, clearAgreements: false, agreements: [{ guardianId: other.id, agrees: input.otherAgreement }] };
  }

  const online = current?.source === "family" ? current : (facts.agreements.find((a) => a.source === "family") ?? null);
  if (online && !input.confirmed) throw new DomainError("CONFIRMATION_REQUIRED", onlineAnswerConfirmationMessage(online));
  const agreements = [{ guardianId: input.answeredByGuardianId, agrees: true }];
  if (other && input.otherAgreement !== null) agreements.push({ guardianId: other.id, agrees: input.otherAgreement });
  return { changed: true, answer: { kind: input.kind, acceptedProposalIds: ids }, clearAgreements: true, agreements };
}

// ---------------------------------------------------------------------------------------------
// The screen «Saisie des réponses des familles».

export type FamilyAnswersStudentFacts = StudentAnswerFacts & { id: string; firstName: string; lastName: string };

export function guardianLabel(g: Pick<GuardianFact, "civility" | "firstName" | "lastName">): string {
  return personName(g);
}

function proposalAnswerText(p: ProposalFact): string {
  if (p.kind === "extra") return "Proposition du conseil de classe (voie non demandée)";
  return p.answer === "yes" ? "Oui" : "Non";
}

function answerSummary(a: AnswerFact, proposals: readonly ProposalFact[], describe: (p: ProposalFact) => string): string {
  if (a.kind === "refuse_all") return "La famille refuse toutes les propositions du conseil de classe.";
  const labels = proposals.filter((p) => a.acceptedProposalIds.includes(p.id)).map(describe);
  return `Proposition(s) acceptée(s) : ${labels.join(" ; ") || "—"}.`;
}

function whoWhen(source: Source, name: string, at: Date): string {
  return source === "family"
    ? `TS – saisie en ligne par ${name} le ${formatParisDateTime(at)}`
    : `Saisie par l'établissement (${name}) le ${formatParisDateTime(at)}`;
}

export type FamilyAnswersStudentView = {
  id: string;
  name: string;
  proposals: { id: string; rank: number; label: string; answerText: string; motivation: string | null; acceptable: boolean }[];
  answer: { summary: string; whoWhen: string; online: boolean } | null;
  noAnswerText: string | null;
  agreements: { guardian: string; text: string; whoWhen: string; online: boolean }[];
  guardians: { id: string; label: string }[];
  /** The form's initial values (the current answer, or nothing). */
  initial: { kind: AnswerKind | null; acceptedProposalIds: string[]; answeredByGuardianId: string | null; otherAgreement: boolean | null };
  /** The family answered online (TS): the form says that saving replaces it, after confirmation. */
  onlineNotice: string | null;
  canEdit: boolean;
};

export type FamilyAnswersPageView = {
  divisions: { id: string; code: string; href: string; current: boolean }[];
  emptyText: string | null;
  chosen: { id: string; code: string; students: FamilyAnswersStudentView[]; emptyText: string | null } | null;
};

export const FAMILY_ANSWERS_PAGE_TITLE = "Saisie des réponses des familles";
export const NO_STUDENT_WITH_PROPOSALS_TEXT = "Aucun élève de cette division n'a encore de proposition du conseil de classe.";

/**
 * The answer recorded for a student, with its agreements, in words. Each proposal in full: série
 * or target, a 1re générale's ranked spécialités marked against the lycée's list `offered` (R-2GT-4).
 */
export function describeStudentAnswer(s: FamilyAnswersStudentFacts, canEdit: boolean, offered: readonly string[] = []): FamilyAnswersStudentView {
  const describe = itemDescriber(offered);
  const proposals = [...s.proposals].sort((a, b) => a.rank - b.rank);
  const guardianById = new Map(s.guardians.map((g) => [g.id, g]));
  const byRank = (a: AgreementFact, b: AgreementFact) => (guardianById.get(a.guardianId)?.rank ?? 9) - (guardianById.get(b.guardianId)?.rank ?? 9);
  // The guardian who answered agreed with their own answer when it was entered (when both agree,
  // either may be named: the entry means the same).
  const answerer =
    s.answer?.source === "school"
      ? ([...s.agreements].sort(byRank).find((a) => a.source === "school" && a.agrees && a.answeredAt.getTime() === s.answer!.answeredAt.getTime()) ?? null)
      : null;
  const other = answerer ? s.agreements.find((a) => a.guardianId !== answerer.guardianId) : null;
  return {
    id: s.id,
    name: `${s.lastName} ${s.firstName}`,
    proposals: proposals.map((p) => ({
      id: p.id,
      rank: p.rank,
      label: describe(p),
      answerText: proposalAnswerText(p),
      motivation: p.motivation,
      acceptable: isAcceptable(p),
    })),
    answer: s.answer
      ? {
          summary: answerSummary(s.answer, proposals, describe),
          whoWhen: whoWhen(s.answer.source, s.answer.answeredByName, s.answer.answeredAt),
          online: s.answer.source === "family",
        }
      : null,
    noAnswerText: s.answer ? null : "Aucune réponse de la famille n'est enregistrée.",
    agreements: [...s.agreements].sort(byRank).map((a) => {
      const g = guardianById.get(a.guardianId);
      return {
        guardian: g ? `Responsable ${g.rank} : ${guardianLabel(g)}` : "Représentant légal",
        text: a.agrees ? "D'accord avec la réponse (« Oui »)" : "Pas d'accord avec la réponse (« Non »)",
        whoWhen: whoWhen(a.source, a.answeredByName, a.answeredAt),
        online: a.source === "family",
      };
    }),
    guardians: [...s.guardians].sort((a, b) => a.rank - b.rank).map((g) => ({ id: g.id, label: `Responsable ${g.rank} : ${guardianLabel(g)}` })),
    initial:
      s.answer?.source === "school"
        ? {
            kind: s.answer.kind,
            acceptedProposalIds: s.answer.acceptedProposalIds,
            answeredByGuardianId: answerer?.guardianId ?? null,
            otherAgreement: other ? other.agrees : null,
          }
        : { kind: null, acceptedProposalIds: [], answeredByGuardianId: null, otherAgreement: null },
    onlineNotice:
      s.answer?.source === "family" ? "La famille a répondu en ligne (TS). Une saisie de l'établissement remplacera sa réponse, après confirmation." : null,
    canEdit,
  };
}

/** R-FIN-10 / R-SCH-14: the divisions offered (those the staff member sees), and the chosen one's students with proposals. */
export function describeFamilyAnswersPage(input: {
  divisions: readonly { id: string; code: string; level: string }[];
  chosen: { id: string; code: string; students: readonly FamilyAnswersStudentFacts[] } | null;
  canEdit: boolean;
  /** R-2GT-4: the lycée's offered spécialités, for a 2de GT division. */
  offeredSpecialties?: readonly string[];
}): FamilyAnswersPageView {
  const divisions = input.divisions.filter((d) => d.level === "3e" || d.level === "2GT");
  return {
    divisions: divisions.map((d) => ({
      id: d.id,
      code: d.code,
      href: `/etablissement/reponses-familles?division=${d.id}`,
      current: d.id === input.chosen?.id,
    })),
    emptyText: divisions.length === 0 ? "Aucune division ne vous est attribuée." : null,
    chosen: input.chosen
      ? {
          id: input.chosen.id,
          code: input.chosen.code,
          students: input.chosen.students
            .filter((s) => s.proposals.length > 0)
            .sort((a, b) => a.lastName.localeCompare(b.lastName, "fr") || a.firstName.localeCompare(b.firstName, "fr"))
            .map((s) => describeStudentAnswer(s, input.canEdit, input.offeredSpecialties)),
          emptyText: input.chosen.students.some((s) => s.proposals.length > 0) ? null : NO_STUDENT_WITH_PROPOSALS_TEXT,
        }
      : null,
  };
}

/** The most proposals an entry may name (a student has at most a handful: choices and extra voies). */
export const PROPOSALS_MAX = 30;
