import { z } from "zod";

/*
 * French messages for zod's issues (docs/security-inputs.md). Imported for its effect by
 * lib/actions/define-action.ts, so every schema an action or a service parses answers in French.
 */
/** A zod issue, as much of it as a French message needs. */
type Issue = { code?: string; origin?: string; maximum?: unknown; minimum?: unknown };

/**
 * The French message of a zod issue that its schema gives none (zod's own are English and
 * technical: «Invalid input: expected object, received null»). Installed for every schema with
 * `z.config` below; a schema's own message always wins.
 */
export function frenchIssueMessage(issue: Issue): string {
  const n = (v: unknown) => Number(v).toLocaleString("fr-FR");
  switch (issue.code) {
    case "too_big":
      if (issue.origin === "string") return `Ce texte ne peut pas dépasser ${n(issue.maximum)} caractères.`;
      if (issue.origin === "array" || issue.origin === "set") return `Pas plus de ${n(issue.maximum)} éléments.`;
      if (issue.origin === "file") return `Le fichier ne peut pas dépasser ${n(issue.maximum)} octets.`;
      return `La valeur ne peut pas dépasser ${n(issue.maximum)}.`;
    case "too_small":
      if ((issue.origin === "string" || issue.origin === "array") && Number(issue.minimum) === 1) return "Ce champ est obligatoire.";
      if (issue.origin === "string") return `Ce texte doit compter au moins ${n(issue.minimum)} caractères.`;
      if (issue.origin === "array" || issue.origin === "set") return `Au moins ${n(issue.minimum)} éléments.`;
      return `La valeur doit être au moins ${n(issue.minimum)}.`;
    case "invalid_value":
      return "Choisissez une des valeurs proposées.";
    case "invalid_format":
      return "Le format de cette saisie n'est pas valide.";
    default:
      return "Saisie invalide.";
  }
}

z.config({ customError: (issue) => frenchIssueMessage(issue as Issue) });
