import { describe, expect, it } from "vitest";
import { academyParametersFormSchema, ASSISTANCE_URL_INVALID_MESSAGE, RESOURCES_URL_INVALID_MESSAGE } from "@/lib/domain/academy-parameters";
import { SCHOOL_CLOSED_MESSAGE, stepTodos, serviceMessageOf } from "@/lib/domain/family-page";
import { PROCEDURE_NOTICE } from "@/lib/domain/intentions";
import { GUIDANCE, guidance, guidanceOfFrench, isLocale, LOCALE_META, LOCALES, placeholdersOf, type GuidanceKey } from "@/lib/i18n/guidance";
import { assertMayChooseLocale, LOCALE_INVALID_MESSAGE, localeChoiceSchema } from "@/lib/i18n/locale-choice";

const keys = Object.keys(GUIDANCE) as GuidanceKey[];

describe("R-OVS-5: the guidance catalogue", () => {
  it("R-OVS-5: every key has its French, English and Arabic text, none empty, the Arabic written in Arabic", () => {
    for (const k of keys) {
      for (const l of LOCALES) expect(GUIDANCE[k][l].trim(), `${k} (${l})`).not.toBe("");
      expect(GUIDANCE[k].ar, k).toMatch(/[\u0600-\u06FF]/);
      expect(GUIDANCE[k].en, k).not.toBe(GUIDANCE[k].fr);
    }
  });

  it("R-OVS-5: every language of a key has the same placeholders", () => {
    for (const k of keys) {
      const fr = placeholdersOf(GUIDANCE[k].fr);
      expect(placeholdersOf(GUIDANCE[k].en), `${k} (en)`).toEqual(fr);
      expect(placeholdersOf(GUIDANCE[k].ar), `${k} (ar)`).toEqual(fr);
    }
  });

  it("R-OVS-5: no two keys share a French text (a French text names one translation)", () => {
    const fr = keys.map((k) => GUIDANCE[k].fr);
    expect(new Set(fr).size).toBe(fr.length);
  });

  it("R-OVS-5: a text comes in the chosen language with its French original, placeholders filled in both", () => {
    expect(guidance("en", "home.phase.upcoming", { opens: "02/11/2026 à 08:00", closes: "01/03/2027 à 18:00" })).toEqual({
      locale: "en",
      text: "Upcoming: from 02/11/2026 à 08:00 to 01/03/2027 à 18:00",
      fr: "À venir : du 02/11/2026 à 08:00 au 01/03/2027 à 18:00",
    });
    expect(guidance("fr", "home.phase.open", { closes: "x" })).toEqual({
      locale: "fr",
      text: "Ouverte maintenant, jusqu'au x",
      fr: "Ouverte maintenant, jusqu'au x",
    });
    expect(LOCALE_META.ar.dir).toBe("rtl");
    expect(LOCALE_META.en.dir).toBe("ltr");
  });

  it("R-OVS-5: the family page's own French texts (notices, the note, the step bar's « À faire ») are translated", () => {
    const closed = serviceMessageOf({ open: false, reason: "school_closed" })!;
    expect(closed.text).toBe(SCHOOL_CLOSED_MESSAGE);
    expect(guidanceOfFrench("ar", closed.text)).toMatchObject({ locale: "ar", fr: SCHOOL_CLOSED_MESSAGE });
    expect(guidanceOfFrench("en", PROCEDURE_NOTICE).text).toMatch(/^This dialogue procedure does not apply/);
    const todos = stepTodos(
      { steps: [], serviceMessage: null, intentions: { mode: "edit", hasValidated: false }, opinions: { mode: "hidden" } },
      {
        heading: "",
        instructions: "",
        serviceMessage: null,
        choices: { mode: "edit", hasValidated: false },
        validatedChoices: null,
        proposals: null,
        answer: { mode: "hidden" },
        agreement: null,
      },
      { todo: "À faire : rien pour le moment" } as Parameters<typeof stepTodos>[2],
    );
    expect(guidanceOfFrench("en", todos[1]).text).toBe("To do: enter the provisional intentions");
    expect(guidanceOfFrench("en", todos[2]).text).toBe("To do: enter the final choices");
  });

  it("R-OVS-5: every « À faire » of steps 1 and 2 the step bar can show has its translation", () => {
    type Page = Parameters<typeof stepTodos>[0];
    type Final = Parameters<typeof stepTodos>[1];
    const pages: Page[] = [
      { steps: [], serviceMessage: null, intentions: { mode: "edit", hasValidated: false }, opinions: { mode: "hidden" } },
      { steps: [], serviceMessage: null, intentions: { mode: "edit", hasValidated: true }, opinions: { mode: "shown", acknowledgement: { state: "to_do" } } },
      { steps: [], serviceMessage: null, intentions: { mode: "readonly", enteredBy: "x" }, opinions: { mode: "hidden" } },
    ];
    const base: Final = {
      heading: "",
      instructions: "",
      serviceMessage: null,
      choices: { mode: "none", text: "" },
      validatedChoices: null,
      proposals: null,
      answer: { mode: "hidden" },
      agreement: null,
    };
    const finals: Final[] = [
      base,
      { ...base, choices: { mode: "ack_first" } },
      { ...base, choices: { mode: "edit", hasValidated: false } },
      { ...base, answer: { mode: "form", studentId: "s" } },
      { ...base, agreement: { lines: [], form: { question: "?" }, disagreementText: null } },
    ];
    const seen = new Set<string>();
    for (const p of pages)
      for (const f of finals) for (const n of [1, 2] as const) seen.add(stepTodos(p, f, { todo: "" } as Parameters<typeof stepTodos>[2])[n]);
    expect(seen.size).toBe(8);
    for (const t of seen) for (const l of ["en", "ar"] as const) expect(guidanceOfFrench(l, t).locale, `${t} (${l})`).toBe(l);
  });

  it("R-OVS-5: a text the catalogue does not hold (a name, a sentence with values) stays French, marked French", () => {
    expect(guidanceOfFrench("en", "Intentions saisies par M. Dupont le 02/12/2026 à 10:00")).toEqual({
      locale: "fr",
      text: "Intentions saisies par M. Dupont le 02/12/2026 à 10:00",
      fr: "Intentions saisies par M. Dupont le 02/12/2026 à 10:00",
    });
    expect(guidanceOfFrench("fr", PROCEDURE_NOTICE).locale).toBe("fr");
  });
});

describe("R-OVS-5: the choice of the language", () => {
  it("R-OVS-5: fr, en and ar only, with a French message otherwise", () => {
    for (const l of LOCALES) expect(localeChoiceSchema.parse({ locale: l })).toEqual({ locale: l });
    const bad = localeChoiceSchema.safeParse({ locale: "de" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe(LOCALE_INVALID_MESSAGE);
    expect(isLocale("ar")).toBe(true);
    expect(isLocale("AR")).toBe(false);
  });

  it("R-OVS-5: guardians and students choose; the school's and the académie's staff do not", () => {
    expect(() => assertMayChooseLocale("guardian")).not.toThrow();
    expect(() => assertMayChooseLocale("student")).not.toThrow();
    for (const role of ["head", "homeroom", "saio", "admin"]) expect(() => assertMayChooseLocale(role)).toThrow(/réservé aux familles/);
  });
});

describe("R-OVS-5: the académie's resource and assistance pages (parameters form)", () => {
  const form = { senderEmail: "ne-pas-repondre@ac-grenoble.fr", appealDeadlineWorkingDays: "3", appealCommissionPresident: "", appealCommissionAddress: "" };
  const parse = (extra: Record<string, unknown>) => academyParametersFormSchema.safeParse({ ...form, ...extra });
  const errorsOf = (extra: Record<string, unknown>) => {
    const r = parse(extra);
    return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
  };

  it("R-OVS-5: https addresses are kept, empty or absent means no link", () => {
    const ok = parse({ resourcesUrl: " https://www.ac-grenoble.fr/orientation ", assistanceUrl: "https://www.ac-grenoble.fr/assistance" });
    expect(ok.data).toMatchObject({ resourcesUrl: "https://www.ac-grenoble.fr/orientation", assistanceUrl: "https://www.ac-grenoble.fr/assistance" });
    expect(parse({}).data).toMatchObject({ resourcesUrl: "", assistanceUrl: "" });
  });

  it("R-OVS-5: http, a relative path, a script, credentials or spaces are refused with a French message per field", () => {
    for (const bad of [
      "http://www.ac-grenoble.fr",
      "/orientation",
      "javascript:alert(1)",
      "https://user:pw@www.ac-grenoble.fr",
      "https://www.ac grenoble.fr",
      "https://localhost",
    ]) {
      expect(errorsOf({ resourcesUrl: bad }), bad).toEqual({ resourcesUrl: RESOURCES_URL_INVALID_MESSAGE });
      expect(errorsOf({ assistanceUrl: bad }), bad).toEqual({ assistanceUrl: ASSISTANCE_URL_INVALID_MESSAGE });
    }
    expect(errorsOf({ resourcesUrl: `https://www.ac-grenoble.fr/${"a".repeat(500)}` })).toEqual({ resourcesUrl: "500 caractères au plus." });
  });
});
