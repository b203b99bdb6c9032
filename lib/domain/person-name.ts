/**
 * How the product names and greets a guardian (docs/rules.md, R-FIN-8 wording): the civility when
 * known («Mme Claire Martin»), the names alone otherwise; an e-mail opens with «Madame,»,
 * «Monsieur,» or, when the civility is unknown, «Madame, Monsieur,» (never a civility and a name
 * glued to both).
 */
export type Civility = "M." | "Mme";

export type NamedPerson = { civility: Civility | string | null; firstName: string; lastName: string };

export function personName(p: NamedPerson): string {
  return [p.civility, p.firstName, p.lastName].filter((part) => part !== null && part !== "").join(" ");
}

export function salutation(civility: Civility | string | null): string {
  if (civility === "Mme") return "Madame,";
  if (civility === "M.") return "Monsieur,";
  return "Madame, Monsieur,";
}
