import { z } from "zod";
import type { Civility } from "./person-name";

/**
 * R-AUTH-4: the identity claims of a family's OpenID Connect sign-in (EduConnect-style). A
 * guardian's identity carries, per child, the student's id (INE), the school's UAI and the names;
 * a student's identity carries their own. The guardian never types a child's id.
 */
const child = z.object({ ine: z.string().min(1), uai: z.string().min(1), given_name: z.string().min(1), family_name: z.string().min(1) });

export const familyClaimsSchema = z.discriminatedUnion("edu_profile", [
  z.object({
    edu_profile: z.literal("guardian"),
    sub: z.string().min(1),
    given_name: z.string().min(1),
    family_name: z.string().min(1),
    email: z.string().optional(),
    /** OpenID Connect's standard `gender` claim, when the provider gives one (see `civilityFromClaims`). */
    gender: z.unknown().optional(),
    children: z.array(child).min(1),
  }),
  z.object({
    edu_profile: z.literal("student"),
    sub: z.string().min(1),
    given_name: z.string().min(1),
    family_name: z.string().min(1),
    email: z.string().optional(),
    ine: z.string().min(1),
    uai: z.string().min(1),
  }),
]);
export type FamilyClaims = z.infer<typeof familyClaimsSchema>;

/**
 * R-FIN-8 (greetings, lib/domain/person-name.ts): the civility an identity provider gives through
 * the standard `gender` claim (OpenID Connect Core §5.1: "female", "male", or another value):
 * «Mme» or «M.»; null when absent or anything else (the greeting then says «Madame, Monsieur,»).
 */
export function civilityFromClaims(claims: { gender?: unknown }): Civility | null {
  const g = typeof claims.gender === "string" ? claims.gender.trim().toLowerCase() : "";
  if (g === "female") return "Mme";
  if (g === "male") return "M.";
  return null;
}

/** Names compared without case, accents, hyphens or extra spaces ("Lefèvre-Roux" = "LEFEVRE ROUX"). */
export function sameName(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .normalize("NFD")
      .replace(/\p{Diacritic}/gu, "")
      .replace(/[-'’\s]+/g, " ")
      .trim()
      .toLowerCase();
  return norm(a) === norm(b);
}

export type GuardianCandidate = { guardianId: string; studentIne: string; firstName: string; lastName: string };

/**
 * The one guardian the claims designate: a guardian of every child named, whose names match the
 * identity's. Null when none or several match (no guessing with someone's children).
 */
export function matchGuardian(claims: Extract<FamilyClaims, { edu_profile: "guardian" }>, candidates: GuardianCandidate[]): string | null {
  const named = candidates.filter((c) => sameName(c.firstName, claims.given_name) && sameName(c.lastName, claims.family_name));
  const ids = new Set(named.map((c) => c.guardianId));
  const full = [...ids].filter((id) => claims.children.every((ch) => named.some((c) => c.guardianId === id && c.studentIne === ch.ine)));
  return full.length === 1 ? full[0]! : null;
}

export const OIDC_NO_MATCH_MESSAGE =
  "Votre compte ÉduConnect n'est rattaché à aucun élève de nos établissements. Vérifiez auprès de l'établissement de votre enfant que vos nom et prénom sont bien enregistrés.";
