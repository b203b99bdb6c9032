import { z } from "zod";
import { DomainError } from "@/lib/domain/errors";
import { LOCALES, type Locale } from "./guidance";

/* R-OVS-5: the family's choice of the guidance texts' language (the selector's form). */

export const LOCALE_INVALID_MESSAGE = "Choisissez la langue de l'aide : français, anglais ou arabe.";
export const LOCALE_NOT_FOR_ROLE_MESSAGE = "Le choix de la langue de l'aide est réservé aux familles et aux élèves.";

export const localeChoiceSchema = z.object({ locale: z.enum(LOCALES, { message: LOCALE_INVALID_MESSAGE }) });
export type LocaleChoice = z.infer<typeof localeChoiceSchema>;

/** The family pages are read by guardians and students: only they choose the language of their guidance texts. */
export function assertMayChooseLocale(role: string): void {
  if (role !== "guardian" && role !== "student") throw new DomainError("LOCALE_NOT_FOR_ROLE", LOCALE_NOT_FOR_ROLE_MESSAGE);
}

export type { Locale };
