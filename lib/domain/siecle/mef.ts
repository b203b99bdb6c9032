/**
 * R-DATA-1: the level of a MEF (module élémentaire de formation) code, as Siècle exports it.
 *
 * A MEF code has 11 characters (10 in the national nomenclature, plus one for its status in the
 * school's base): the first three are the « dispositif de formation », then three for the
 * specialty group, two for an order number, one for the length of the formation and one for the
 * year within it. For example 10310019110 is « 3EME » and 20010018110 « 2NDE GENERALE & TECHNO YC BT ».
 * Dispositif 103 is the collège's 3e (its variants share the prefix), 200 the lycée's 2de générale
 * et technologique. Every other dispositif (100 6e, 101 5e, 102 4e, the voie professionnelle, the
 * 1re …) is outside the procedure: null.
 */
import type { Level } from "@/lib/domain/tracks";

export function levelOfMef(code: string | null | undefined): Level | null {
  const c = (code ?? "").trim();
  if (c.startsWith("103")) return "3e";
  if (c.startsWith("200")) return "2GT";
  return null;
}
