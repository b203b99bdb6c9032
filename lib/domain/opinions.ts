import { DomainError } from "./errors";

/*
 * Avis provisoires du conseil de classe (R-SCH-7) and the "famille à informer" flag (R-SCH-9).
 */

export type OpinionValue = "favorable" | "reserve" | "defavorable";

export const OPINION_LABELS: Record<OpinionValue, string> = {
  favorable: "Favorable",
  reserve: "Réservé",
  defavorable: "Défavorable",
};
export const OPINION_VALUES = Object.keys(OPINION_LABELS) as OpinionValue[];
export const OPINION_COMMENT_MAX = 1000;
export const OPINION_COMMENT_TOO_LONG_MESSAGE = `Les recommandations ne peuvent pas dépasser ${OPINION_COMMENT_MAX} caractères.`;
/** The most avis one save of a division's screen carries (every voie of every student, generously). */
export const DIVISION_OPINIONS_MAX = 2000;

export type OpinionInput = { itemId: string; value: OpinionValue | null; comment: string | null };
export type StoredOpinion = { itemId: string; value: OpinionValue; comment: string | null };

export type OpinionChange =
  | { kind: "insert"; itemId: string; value: OpinionValue; comment: string | null }
  | { kind: "update"; itemId: string; value: OpinionValue; comment: string | null }
  | { kind: "delete"; itemId: string };

function normaliseComment(c: string | null | undefined): string | null {
  const t = (c ?? "").trim();
  return t === "" ? null : t;
}

/**
 * R-SCH-7: what a division's avis form changes. An empty value with no comment clears the avis; a
 * comment needs a value; an unchanged avis is not touched (so its publication is not redone).
 */
export function planOpinionChanges(inputs: readonly OpinionInput[], stored: readonly StoredOpinion[]): OpinionChange[] {
  const byItem = new Map(stored.map((o) => [o.itemId, o]));
  const changes: OpinionChange[] = [];
  for (const input of inputs) {
    const comment = normaliseComment(input.comment);
    if (comment && comment.length > OPINION_COMMENT_MAX) {
      throw new DomainError("COMMENT_TOO_LONG", OPINION_COMMENT_TOO_LONG_MESSAGE);
    }
    const before = byItem.get(input.itemId);
    if (input.value === null) {
      if (comment) throw new DomainError("OPINION_REQUIRED", "Choisissez un avis (Favorable, Réservé ou Défavorable) avant de saisir des recommandations.");
      if (before) changes.push({ kind: "delete", itemId: input.itemId });
      continue;
    }
    if (!before) changes.push({ kind: "insert", itemId: input.itemId, value: input.value, comment });
    else if (before.value !== input.value || normaliseComment(before.comment) !== comment) {
      changes.push({ kind: "update", itemId: input.itemId, value: input.value, comment });
    }
  }
  return changes;
}

/**
 * R-SCH-9: changing avis after the family acknowledged them means the family must be told; the
 * student is flagged "famille à informer" until the head marks it done. A first entry of avis
 * after an acknowledgement (e.g. a new intention) counts as a change too.
 */
export function mustInformFamily(acknowledged: boolean, changes: readonly OpinionChange[]): boolean {
  return acknowledged && changes.length > 0;
}
