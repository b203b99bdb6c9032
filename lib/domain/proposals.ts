import { DomainError } from "./errors";
import { proposableVoies, requestItemKey } from "./request-items";
import { TRACKS_3E, type Level } from "./tracks";

/*
 * R-FIN-5: the class council's proposals of the final phase (3e and 2de GT). For each final
 * choice of the family the council answers «Oui» or «Non»; it may also propose voies the family
 * did not ask for: after 3e one of the three voies, after 2de GT any voie with its série or its
 * target (`proposableVoies`, R-2GT-1), e.g. «1re technologique – série STMG». Each proposal takes
 * an optional motivation. Pure planning of one screen's save.
 */

export type ProposalAnswer = "yes" | "no";
export const PROPOSAL_ANSWER_LABELS: Record<ProposalAnswer, string> = { yes: "Oui", no: "Non" };
export const PROPOSAL_MOTIVATION_MAX = 1000;
export const PROPOSAL_MOTIVATION_TOO_LONG_MESSAGE = `La motivation ne peut pas dépasser ${PROPOSAL_MOTIVATION_MAX} caractères.`;
/** The most students one save of a division's screen carries (generously). */
export const DIVISION_PROPOSAL_STUDENTS_MAX = 200;
/** The voies the council may propose in 3e (R-FIN-5, R-INT-2). */
export const PROPOSABLE_TRACKS = Object.keys(TRACKS_3E) as (keyof typeof TRACKS_3E)[];
/** The most extra voies one student may receive: every voie of the level with the most (2de GT, with its séries and targets). */
export const EXTRA_PROPOSALS_MAX = proposableVoies("2GT").length;

export const UNKNOWN_PROPOSAL_TRACK_MESSAGE = "Cette voie d'orientation n'existe pas pour ce palier.";
export const TRACK_CHOSEN_MESSAGE = "Cette voie fait partie des choix de la famille : répondez «Oui» ou «Non» à ce choix.";
export const TRACK_PROPOSED_TWICE_MESSAGE = "Une voie ne peut pas être proposée deux fois.";

export const STALE_PROPOSALS_MESSAGE =
  "Les choix définitifs de la division ont changé depuis l'affichage de la page. Rechargez la page puis saisissez à nouveau les propositions.";

/** What the screen sends for one student: an answer per final choice shown, and the extra voies proposed. */
export type StudentProposalsInput = {
  studentId: string;
  answers: { itemId: string; answer: ProposalAnswer | null; motivation: string | null }[];
  /** A voie the family did not ask for, with its série or target after 2de GT (R-2GT-1). */
  extras: { track: string; subTrack?: string; motivation: string | null }[];
};

/** The student's final choices now (their item ids and voies) and the proposals stored. */
export type StudentProposalFacts = {
  studentId: string;
  /** The student's level (3e when not said): which voies the council may propose. */
  level?: Level;
  outOfProcedure: boolean;
  /** R-2GT-3: a 1re générale's ranked spécialités go with the council's answer to it. */
  choices: { itemId: string; rank: number; track: string; subTrack: string; specialties?: string[] }[];
  stored: {
    id: string;
    kind: "answer_to_choice" | "extra";
    choiceItemId: string | null;
    track: string;
    subTrack?: string;
    answer: ProposalAnswer | null;
    motivation: string | null;
    publishedAt: Date | null;
  }[];
};

export type ProposalChange =
  | {
      kind: "insert_answer";
      studentId: string;
      itemId: string;
      rank: number;
      track: string;
      subTrack: string;
      specialties: string[];
      answer: ProposalAnswer;
      motivation: string | null;
    }
  | { kind: "insert_extra"; studentId: string; rank: number; track: string; subTrack: string; motivation: string | null }
  | { kind: "update"; studentId: string; id: string; answer: ProposalAnswer | null; motivation: string | null; rank: number; published: boolean }
  | { kind: "delete"; studentId: string; id: string; published: boolean };

export function normaliseMotivation(m: string | null | undefined): string | null {
  const t = (m ?? "").trim();
  if (t.length > PROPOSAL_MOTIVATION_MAX) throw new DomainError("MOTIVATION_TOO_LONG", PROPOSAL_MOTIVATION_TOO_LONG_MESSAGE);
  return t === "" ? null : t;
}

/**
 * R-FIN-5: what saving the proposals of one student changes; only what differs is written (the
 * transfer publishes what was updated since its publication). The answers must cover exactly the
 * student's current final choices (otherwise the screen is stale); an extra voie must be a voie of
 * the student's level (with its série or target after 2de GT) the family did not choose, proposed
 * once. A student hors procédure gets none (R-SCH-12).
 */
export function planStudentProposals(input: StudentProposalsInput, facts: StudentProposalFacts): ProposalChange[] {
  const sentIds = input.answers.map((a) => a.itemId);
  const choiceIds = new Set(facts.choices.map((c) => c.itemId));
  if (new Set(sentIds).size !== sentIds.length || sentIds.length !== choiceIds.size || sentIds.some((id) => !choiceIds.has(id))) {
    throw new DomainError("STALE_SCREEN", STALE_PROPOSALS_MESSAGE);
  }
  const anything = input.answers.some((a) => a.answer !== null || normaliseMotivation(a.motivation)) || input.extras.length > 0;
  if (facts.outOfProcedure && anything) throw new DomainError("OUT_OF_PROCEDURE", "Un élève hors procédure ne reçoit pas de proposition du conseil de classe.");

  const changes: ProposalChange[] = [];
  const storedByItem = new Map(facts.stored.filter((p) => p.kind === "answer_to_choice").map((p) => [p.choiceItemId!, p]));
  for (const a of input.answers) {
    const motivation = normaliseMotivation(a.motivation);
    const choice = facts.choices.find((c) => c.itemId === a.itemId)!;
    const before = storedByItem.get(a.itemId);
    if (a.answer === null) {
      if (motivation) throw new DomainError("ANSWER_REQUIRED", "Répondez «Oui» ou «Non» avant de saisir une motivation.");
      if (before) changes.push({ kind: "delete", studentId: facts.studentId, id: before.id, published: before.publishedAt !== null });
      continue;
    }
    if (!before) {
      changes.push({
        kind: "insert_answer",
        studentId: facts.studentId,
        itemId: a.itemId,
        rank: choice.rank,
        track: choice.track,
        subTrack: choice.subTrack,
        specialties: choice.specialties ?? [],
        answer: a.answer,
        motivation,
      });
    } else if (before.answer !== a.answer || before.motivation !== motivation) {
      changes.push({
        kind: "update",
        studentId: facts.studentId,
        id: before.id,
        answer: a.answer,
        motivation,
        rank: choice.rank,
        published: before.publishedAt !== null,
      });
    }
  }

  const proposable = new Set(proposableVoies(facts.level ?? "3e").map(requestItemKey));
  const chosen = new Set(facts.choices.map(requestItemKey));
  const seen = new Set<string>();
  const keyOfStored = (p: StudentProposalFacts["stored"][number]) => requestItemKey({ track: p.track, subTrack: p.subTrack ?? "" });
  const storedExtras = new Map(facts.stored.filter((p) => p.kind === "extra").map((p) => [keyOfStored(p), p]));
  input.extras.forEach((x, i) => {
    const voie = { track: x.track, subTrack: x.subTrack ?? "" };
    const key = requestItemKey(voie);
    if (!proposable.has(key)) throw new DomainError("UNKNOWN_TRACK", UNKNOWN_PROPOSAL_TRACK_MESSAGE);
    if (chosen.has(key)) throw new DomainError("TRACK_CHOSEN", TRACK_CHOSEN_MESSAGE);
    if (seen.has(key)) throw new DomainError("TRACK_TWICE", TRACK_PROPOSED_TWICE_MESSAGE);
    seen.add(key);
    const motivation = normaliseMotivation(x.motivation);
    const rank = i + 1;
    const before = storedExtras.get(key);
    if (!before) changes.push({ kind: "insert_extra", studentId: facts.studentId, rank, ...voie, motivation });
    else if (before.motivation !== motivation) {
      changes.push({ kind: "update", studentId: facts.studentId, id: before.id, answer: null, motivation, rank, published: before.publishedAt !== null });
    }
  });
  for (const [key, p] of storedExtras) {
    if (!seen.has(key)) changes.push({ kind: "delete", studentId: facts.studentId, id: p.id, published: p.publishedAt !== null });
  }
  return changes;
}

/** R-SCH-9 (final phase): a proposal changed or withdrawn after its publication means the family must be told. */
export function mustInformFamilyOfProposals(changes: readonly ProposalChange[]): boolean {
  return changes.some((c) => (c.kind === "update" || c.kind === "delete") && c.published);
}

/** R-SCH-6 / R-SCH-5 (final phase): the proposals a reset or a change of the final choices would delete, in words. */
export function proposalsToDeleteText(count: number): string {
  return count === 1 ? "la proposition du conseil de classe déjà saisie" : `les ${count} propositions du conseil de classe déjà saisies`;
}

export function assertProposalDeletionConfirmed(count: number, confirmed: boolean, what: "change" | "reset"): void {
  if (count > 0 && !confirmed) {
    throw new DomainError(
      "CONFIRMATION_REQUIRED",
      what === "change"
        ? `Attention : la modification des choix définitifs supprimera ${proposalsToDeleteText(count)}. Confirmez la modification.`
        : `Attention : la réinitialisation du conseil de classe supprimera ${proposalsToDeleteText(count)}. Confirmez la réinitialisation.`,
    );
  }
}
