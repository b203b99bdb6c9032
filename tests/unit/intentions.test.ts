import { describe, expect, it } from "vitest";
import {
  addIntention,
  cancelEntry,
  canAddIntention,
  canCancelAll,
  changeIntention,
  DUPLICATE_TRACK_MESSAGE,
  entryControls,
  FREE_TEXT_TOO_LONG_MESSAGE,
  freeTextLabel,
  HELP_FREE_TEXT,
  HELP_STATUS_APPRENTICE,
  HELP_STATUS_SCHOOL,
  HELP_STHR,
  intentionDetailLines,
  intentionListSchema,
  moveIntention,
  MUST_ENTER_ONE_MESSAGE,
  NO_DETAILS_FOR_2GT_MESSAGE,
  normaliseIntention,
  PROCEDURE_NOTICE,
  removeIntention,
  sameEntry,
  TOO_MANY_MESSAGE,
  validateIntentionsInput,
  type Intention,
} from "@/lib/domain/intentions";
import { intentionsRecapEmail, INTENTIONS_RECAP_SUBJECT } from "@/emails/intentions-recap";

const GT: Intention = { track: "2GT", freeText: null, statusSchool: false, statusApprentice: false };
const PRO: Intention = { track: "2PRO", freeText: "Mécanique", statusSchool: false, statusApprentice: true };
const CAP: Intention = { track: "CAP", freeText: "Carrosserie", statusSchool: true, statusApprentice: false };
const ok = (r: ReturnType<typeof addIntention>) => {
  if (!r.ok) throw new Error(r.message);
  return r.entry;
};

describe("the entry in progress (R-INT-2, R-INT-3, R-INT-4)", () => {
  it("R-INT-2: adds up to three intentions, in order of preference, then «+ Ajouter une intention» is off", () => {
    let entry: Intention[] = [];
    expect(canAddIntention(entry)).toBe(true);
    entry = ok(addIntention(entry, PRO));
    entry = ok(addIntention(entry, CAP));
    entry = ok(addIntention(entry, GT));
    expect(entry.map((e) => e.track)).toEqual(["2PRO", "CAP", "2GT"]);
    expect(canAddIntention(entry)).toBe(false);
    expect(addIntention(entry, GT)).toEqual({ ok: false, message: TOO_MANY_MESSAGE });
  });

  it("R-INT-3: a voie asked twice is refused with the message, and the entry goes on unchanged", () => {
    const entry = ok(addIntention([GT], PRO));
    expect(addIntention(entry, { ...PRO, freeText: "Autre" })).toEqual({ ok: false, message: DUPLICATE_TRACK_MESSAGE });
    expect(ok(addIntention(entry, CAP)).map((e) => e.track)).toEqual(["2GT", "2PRO", "CAP"]);
    // Changing an intention into a voie held by another one is refused too; into itself is fine.
    expect(changeIntention(entry, 1, GT)).toEqual({ ok: false, message: DUPLICATE_TRACK_MESSAGE });
    expect(ok(changeIntention(entry, 1, { ...PRO, freeText: "Cuisine" }))[1]!.freeText).toBe("Cuisine");
  });

  it("R-INT-4: with one intention, only «modifier» is on; from two, move up/down and delete too", () => {
    expect(entryControls([GT], 0)).toEqual({ moveUp: false, moveDown: false, remove: false, change: true });
    const two = [GT, PRO];
    expect(entryControls(two, 0)).toEqual({ moveUp: false, moveDown: true, remove: true, change: true });
    expect(entryControls(two, 1)).toEqual({ moveUp: true, moveDown: false, remove: true, change: true });
    expect(entryControls([GT, PRO, CAP], 1)).toEqual({ moveUp: true, moveDown: true, remove: true, change: true });
  });

  it("R-INT-4: the rank is the order: moving up and down swaps neighbours; disabled moves do nothing", () => {
    const entry = [GT, PRO, CAP];
    expect(moveIntention(entry, 2, "up").map((e) => e.track)).toEqual(["2GT", "CAP", "2PRO"]);
    expect(moveIntention(entry, 0, "down").map((e) => e.track)).toEqual(["2PRO", "2GT", "CAP"]);
    expect(moveIntention(entry, 0, "up")).toEqual(entry);
    expect(moveIntention([GT], 0, "down")).toEqual([GT]);
  });

  it("R-INT-4: deleting needs two intentions; «Tout annuler» clears the entry", () => {
    expect(removeIntention([GT, PRO], 0)).toEqual([PRO]);
    expect(removeIntention([GT], 0)).toEqual([GT]);
    expect(canCancelAll([])).toBe(false);
    expect(canCancelAll([GT])).toBe(true);
    expect(cancelEntry(null)).toEqual([]);
  });

  it("R-INT-6: after a validation, cancelling gives back the last validated entry, not an empty one", () => {
    const validated = [PRO, GT];
    const edited = moveIntention(ok(changeIntention(validated, 0, CAP)), 0, "down");
    expect(sameEntry(edited, validated)).toBe(false);
    expect(cancelEntry(validated)).toEqual(validated);
  });

  it("R-INT-5: 2de GT takes nothing more; details are dropped when the académie does not allow them", () => {
    expect(normaliseIntention({ ...GT, freeText: "x", statusSchool: true }, true)).toEqual(GT);
    expect(normaliseIntention(PRO, false)).toEqual({ ...PRO, freeText: null, statusApprentice: false });
    expect(normaliseIntention({ ...CAP, freeText: "  " }, true).freeText).toBeNull();
    expect(freeTextLabel("2PRO")).toBe("Spécialité(s) ou famille(s) de métiers");
    expect(freeTextLabel("CAP")).toBe("Spécialité(s)");
    expect(intentionDetailLines({ track: "2PRO", freeText: "Mécanique", statusSchool: true, statusApprentice: true })).toEqual([
      "Spécialité(s) ou famille(s) de métiers : Mécanique",
      "Sous statut d'apprenti",
      "Sous statut scolaire",
    ]);
  });
});

describe("server-side schema of a validation (never trust the page)", () => {
  const messages = (v: unknown) => {
    const r = intentionListSchema.safeParse(v);
    return r.success ? [] : r.error.issues.map((i) => i.message);
  };
  it("R-INT-2: 1 to 3 intentions among the three voies of 3e", () => {
    expect(messages([GT])).toEqual([]);
    expect(messages([])).toEqual([MUST_ENTER_ONE_MESSAGE]);
    expect(messages([GT, PRO, CAP, { ...GT }])).toContain(TOO_MANY_MESSAGE);
    expect(messages([{ ...GT, track: "1G" }])).toEqual(["Vous devez sélectionner une voie."]);
  });
  it("R-INT-3: refuses a voie twice", () => {
    expect(messages([PRO, { ...PRO, freeText: null }])).toEqual([DUPLICATE_TRACK_MESSAGE]);
  });
  it("R-INT-5: refuses a detail on 2de GT and a text over 200 characters; trims and empties to null", () => {
    expect(messages([{ ...GT, statusApprentice: true }])).toEqual([NO_DETAILS_FOR_2GT_MESSAGE]);
    expect(messages([{ ...PRO, freeText: "é".repeat(201) }])).toEqual([FREE_TEXT_TOO_LONG_MESSAGE]);
    expect(messages([{ ...PRO, freeText: "é".repeat(200) }])).toEqual([]);
    expect(intentionListSchema.parse([{ ...CAP, freeText: "   " }])[0]!.freeText).toBeNull();
  });
  it("refuses unknown fields and a student id that is not one", () => {
    expect(messages([{ ...GT, specialties: ["MATHS"] }]).length).toBeGreaterThan(0);
    expect(validateIntentionsInput.safeParse({ studentId: "x", intentions: [GT] }).success).toBe(false);
    expect(validateIntentionsInput.safeParse({ studentId: "7b0c6a4e-4f7e-4d5b-9a58-2f0b1a3c4d5e", intentions: [GT], extra: 1 }).success).toBe(false);
  });
});

describe("R-INT-9: help texts and notice, worded as the seeds", () => {
  it("R-INT-9: tooltips on STHR, on the métier field (Onisep, « Après la 3e ») and on both statuses; the notice", () => {
    expect(HELP_STHR).toContain("STHR");
    expect(HELP_FREE_TEXT).toContain("site de l'Onisep (http://www.onisep.fr)");
    expect(HELP_FREE_TEXT).toContain("« Après la 3e »");
    expect(HELP_STATUS_SCHOOL).toMatch(/^Votre enfant reste élève/);
    expect(HELP_STATUS_APPRENTICE).toMatch(/^Votre enfant devient apprenti/);
    expect(PROCEDURE_NOTICE).toContain("ne s'applique pas au redoublement exceptionnel");
    expect(PROCEDURE_NOTICE).toContain("parcours particuliers hors système éducatif");
  });
});

describe("R-INT-8: the recap e-mail's two wordings", () => {
  const vars = {
    enteredBy: "Mme Claire Martin",
    enteredAt: "12/09/2026 à 09:50",
    studentName: "Léa Martin",
    items: [
      { label: "2de professionnelle", details: ["Spécialité(s) ou famille(s) de métiers : Hôtellerie", "Sous statut d'apprenti"] },
      { label: "2de générale et technologique ou 2de STHR", details: [] },
    ],
    school: {
      name: "Collège Stendhal",
      address: "12 rue Hector Berlioz",
      postalCode: "38000",
      city: "Grenoble",
      phone: "04 76 12 34 50",
      email: "ce@example.fr",
    },
  };
  it("R-INT-8: the guardian who entered: « Suite à la démarche que vous avez effectuée en ligne le … »", () => {
    const v = { ...vars, variant: "holder" as const };
    expect(intentionsRecapEmail.subject(v)).toBe(INTENTIONS_RECAP_SUBJECT);
    expect(INTENTIONS_RECAP_SUBJECT).toBe("[ORIENTATION] Saisie des intentions d'orientation");
    const text = intentionsRecapEmail.text(v);
    expect(text).toContain("Suite à la démarche que vous avez effectuée en ligne le 12/09/2026 à 09:50, nous vous confirmons");
    expect(text).toContain("pour l'élève Léa Martin");
    expect(text).toContain("Rang 1 : 2de professionnelle\nSpécialité(s) ou famille(s) de métiers : Hôtellerie\nSous statut d'apprenti\nRang 2 : 2de générale");
    expect(text).toContain("Le cas échéant le second représentant légal est également informé");
    expect(text).toContain("Collège Stendhal\n12 rue Hector Berlioz\n38000 Grenoble\nTéléphone : 04 76 12 34 50\nCourriel : ce@example.fr");
  });
  it("R-INT-8: the other guardian: who entered, contact them, and the head if they disagree; HTML escaped", () => {
    const v = { ...vars, variant: "other" as const, enteredBy: "M. <Paul> Martin" };
    const text = intentionsRecapEmail.text(v);
    expect(text).toContain("Suite à la démarche effectuée en ligne le 12/09/2026 à 09:50 par M. <Paul> Martin, nous vous confirmons");
    expect(text).toContain("veuillez vous rapprocher de M. <Paul> Martin");
    expect(text).toContain("En cas de désaccord, veuillez prendre l'attache du chef d'établissement.");
    const html = intentionsRecapEmail.html(v);
    expect(html).toContain("M. &lt;Paul&gt; Martin");
    expect(html).not.toContain("<Paul>");
    expect(html).toContain("<strong>Rang 2 : 2de générale et technologique ou 2de STHR</strong>");
  });
});
