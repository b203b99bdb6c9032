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

/**
 * French elision of «de» before a name: «Orientation d'Adam Dufour», «d'Élise Martin», but «de Claire
 * Martin», «de Mme Claire Martin». A name starting with a vowel (accented or not, Y included: «d'Yves»)
 * takes «d'». A name starting with «h» takes «d'» as well («d'Hugo», «d'Hélène»): the product
 * treats every h as mute, since it cannot know which first names have an aspirated h («de Hugues»
 * is also written «d'Hugues»), and the apostrophe reads better than a hiatus in the common cases.
 * Anything else (a civility, a consonant, a digit, an empty name) keeps «de ».
 */
export function deName(name: string): string {
  return elides(name) ? `d'${name}` : `de ${name}`;
}

/** Whether «de»/«le»/«la» elide before `word` (a vowel, Y or h first, case and accents ignored). */
export function elides(word: string): boolean {
  const first = word.trimStart().charAt(0).normalize("NFD").charAt(0).toLowerCase();
  return first !== "" && "aeiouyhæœ".includes(first);
}
