import { z } from "zod";
import { DomainError } from "./errors";
import { intentionDetailLines, type Intention } from "./intentions";
import { formatParisDateTime } from "./paris-time";
import { describeTrack } from "./tracks";

/*
 * R-FIN-6 / R-FIN-7 / R-FIN-10: the council's proposals as the family sees them, the family's one
 * answer (accept one or more acceptable proposals, or refuse them all) and each other guardian's
 * one agreement («Oui» / «Non»). Pure rules and texts; the services check them again inside their
 * transaction (never trust the page).
 */

export const PROPOSALS_TITLE = "Proposition(s) du conseil de classe";
export const ANSWER_TITLE = "Réponse aux propositions du conseil de classe";
export const REFUSE_ALL_LABEL = "Je refuse toutes les propositions du conseil de classe";
/** Seed 004: what a family that refuses every proposal must do. */
export const REFUSE_ALL_CONTACT_MESSAGE =
  "Vous avez refusé toutes les propositions du conseil de classe : vous devez prendre contact IMMEDIATEMENT avec le chef d'établissement pour un rendez-vous sans délai, en présence de l'élève.";
export const LEAVE_WARNING =
  "Vous n'avez pas répondu aux propositions du conseil de classe. Si vous quittez la page maintenant, votre réponse ne sera pas enregistrée. Voulez-vous quitter la page ?";
export const ANSWER_ALREADY_GIVEN_MESSAGE = "La réponse aux propositions du conseil de classe a déjà été enregistrée : elle ne peut plus être modifiée.";
export const NO_CHOICE_IN_ANSWER_MESSAGE = "Vous devez accepter au moins une proposition du conseil de classe, ou les refuser toutes.";
export const PROPOSAL_NOT_ACCEPTABLE_MESSAGE =
  "Seules les voies pour lesquelles le conseil de classe a répondu « Oui » et les voies qu'il a proposées peuvent être acceptées. Votre réponse n'a pas été enregistrée.";
export const NO_PROPOSALS_MESSAGE = "Les propositions du conseil de classe ne sont pas encore disponibles.";
export const ANSWER_BY_HOLDER_ONLY_MESSAGE =
  "Seul le représentant légal qui a saisi les choix définitifs peut répondre aux propositions du conseil de classe. Vous pourrez ensuite signifier votre accord ou votre désaccord avec sa réponse.";
export const ANSWER_BY_SCHOOL_MESSAGE =
  "Les choix définitifs n'ont pas été saisis en ligne : la réponse aux propositions du conseil de classe est saisie par l'établissement. Veuillez prendre contact avec le chef d'établissement.";
export const ANSWER_WAITING_MESSAGE = "La réponse aux propositions du conseil de classe n'a pas encore été saisie.";
export const AGREEMENT_QUESTION = "Êtes-vous d'accord avec la réponse saisie aux propositions du conseil de classe ?";
export const AGREEMENT_NOT_YET_MESSAGE = "Vous pourrez signifier votre accord ou votre désaccord une fois la réponse aux propositions saisie.";
export const AGREEMENT_ALREADY_GIVEN_MESSAGE = "Vous avez déjà signifié votre accord ou votre désaccord avec cette réponse : il ne peut plus être modifié.";
export const AGREEMENT_BY_OTHER_ONLY_MESSAGE =
  "Vous avez saisi la réponse aux propositions du conseil de classe : c'est l'autre représentant légal qui signifie son accord ou son désaccord.";
export const AGREEMENT_NOT_ASKED_ADULT_MESSAGE = "L'élève est majeur : aucun accord des représentants légaux n'est demandé.";
export const DISAGREEMENT_MESSAGE =
  "Les représentants légaux ne sont pas d'accord : un entretien avec le chef d'établissement est obligatoire. Veuillez prendre contact avec lui sans délai.";

export type ProposalKind = "answer_to_choice" | "extra";
export type PublishedProposalFact = Intention & { id: string; kind: ProposalKind; rank: number; answer: "yes" | "no" | null; motivation: string | null };

/** R-FIN-6: a choice the council answered «Oui», or a voie it proposed, may be accepted; a «Non» may not. */
export function isAcceptable(p: Pick<PublishedProposalFact, "kind" | "answer">): boolean {
  return p.kind === "extra" || p.answer === "yes";
}

/** The voie with its série or target (R-2GT-1): «1re technologique – série STMG». */
export function proposalLabel(p: Intention): string {
  return describeTrack({ track: p.track, subTrack: p.subTrack ?? "" });
}

export type ProposalLine = {
  id: string;
  kind: ProposalKind;
  rank: number;
  trackLabel: string;
  detailLines: string[];
  /** «Oui» / «Non» for a choice; null for a voie the council proposed. */
  councilAnswer: "Oui" | "Non" | null;
  motivation: string | null;
  acceptable: boolean;
};

export function describeProposals(
  list: readonly PublishedProposalFact[],
  offeredSpecialties: readonly string[] = [],
): { choices: ProposalLine[]; extras: ProposalLine[] } {
  const line = (p: PublishedProposalFact): ProposalLine => ({
    id: p.id,
    kind: p.kind,
    rank: p.rank,
    trackLabel: proposalLabel(p),
    detailLines: intentionDetailLines(p, offeredSpecialties),
    councilAnswer: p.kind === "extra" ? null : p.answer === "yes" ? "Oui" : "Non",
    motivation: p.motivation,
    acceptable: isAcceptable(p),
  });
  const byRank = [...list].sort((a, b) => a.rank - b.rank);
  return { choices: byRank.filter((p) => p.kind === "answer_to_choice").map(line), extras: byRank.filter((p) => p.kind === "extra").map(line) };
}

export const answerInput = z.discriminatedUnion("kind", [
  z.strictObject({
    studentId: z.string().uuid({ message: "Élève inconnu." }),
    kind: z.literal("accept"),
    acceptedProposalIds: z
      .array(z.string().uuid({ message: PROPOSAL_NOT_ACCEPTABLE_MESSAGE }))
      .min(1, NO_CHOICE_IN_ANSWER_MESSAGE)
      .max(11),
  }),
  z.strictObject({ studentId: z.string().uuid({ message: "Élève inconnu." }), kind: z.literal("refuse_all") }),
]);
export type AnswerInput = z.infer<typeof answerInput>;
/** The answer itself, as the service takes it. */
export type AnswerChoice = { kind: "accept"; acceptedProposalIds: readonly string[] } | { kind: "refuse_all" };

export type AnswerFact = {
  source: "family" | "school";
  accountId: string | null;
  actorName: string;
  kind: "accept" | "refuse_all";
  acceptedProposalIds: readonly string[];
  answeredAt: Date;
};

/** R-FIN-6: throws the French refusal when this answer cannot be recorded. Returns the accepted ids, deduplicated. */
export function assertValidAnswer(input: {
  proposals: readonly Pick<PublishedProposalFact, "id" | "kind" | "answer">[];
  existing: AnswerFact | null;
  answer: AnswerChoice;
}): string[] {
  if (input.existing) throw new DomainError("ALREADY_ANSWERED", ANSWER_ALREADY_GIVEN_MESSAGE);
  if (input.proposals.length === 0) throw new DomainError("NO_PROPOSALS", NO_PROPOSALS_MESSAGE);
  if (input.answer.kind === "refuse_all") return [];
  const ids = [...new Set(input.answer.acceptedProposalIds)];
  if (ids.length === 0) throw new DomainError("EMPTY_ANSWER", NO_CHOICE_IN_ANSWER_MESSAGE);
  for (const id of ids) {
    const p = input.proposals.find((x) => x.id === id);
    if (!p || !isAcceptable(p)) throw new DomainError("PROPOSAL_NOT_ACCEPTABLE", PROPOSAL_NOT_ACCEPTABLE_MESSAGE);
  }
  return ids;
}

export function answerText(a: Pick<AnswerFact, "source" | "actorName" | "answeredAt">): string {
  const when = formatParisDateTime(a.answeredAt);
  return a.source === "school" ? `Réponse saisie par l'établissement le ${when} par ${a.actorName}.` : `Réponse saisie le ${when} par ${a.actorName}.`;
}

export const agreementInput = z.strictObject({
  studentId: z.string().uuid({ message: "Élève inconnu." }),
  agrees: z.boolean({ message: "Vous devez répondre « Oui » ou « Non »." }),
});
export type AgreementInput = z.infer<typeof agreementInput>;

export type AgreementFact = { guardianId: string; source: "family" | "school"; accountId: string | null; actorName: string; agrees: boolean; answeredAt: Date };

/** R-FIN-7: throws the French refusal when this guardian cannot say «Oui» / «Non» now. */
export function assertCanAgree(input: {
  studentIsAdult: boolean;
  answer: AnswerFact | null;
  guardianId: string;
  accountId: string;
  existing: AgreementFact | null;
}): void {
  if (input.studentIsAdult) throw new DomainError("AGREEMENT_NOT_ASKED", AGREEMENT_NOT_ASKED_ADULT_MESSAGE);
  if (!input.answer) throw new DomainError("NO_ANSWER_YET", AGREEMENT_NOT_YET_MESSAGE);
  if (input.answer.accountId === input.accountId) throw new DomainError("HOLDER_CANNOT_AGREE", AGREEMENT_BY_OTHER_ONLY_MESSAGE);
  if (input.existing) throw new DomainError("ALREADY_AGREED", AGREEMENT_ALREADY_GIVEN_MESSAGE);
}

export function agreementText(a: Pick<AgreementFact, "source" | "actorName" | "agrees" | "answeredAt">): string {
  const when = formatParisDateTime(a.answeredAt);
  const what = a.agrees ? "Oui" : "Non";
  return a.source === "school"
    ? `Réponse saisie par l'établissement le ${when} par ${a.actorName} : accord de ce représentant légal « ${what} ».`
    : `Accord avec la réponse : « ${what} », saisi le ${when} par ${a.actorName}.`;
}
