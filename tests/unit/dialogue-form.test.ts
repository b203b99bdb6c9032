import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { buildDialogueForm, type DialogueFormInput } from "@/lib/domain/dialogue-form";
import { renderDialogueForms } from "@/lib/pdf/dialogue-form-pdf";
import { extractPdfText } from "@/lib/pdf/extract-text";
import { toWinAnsi } from "@/lib/pdf/win-ansi";

const item = (rank: number, track: string, extra: Partial<DialogueFormInput["requests"][number]["items"][number]> = {}) => ({
  id: `item-${rank}`,
  rank,
  track,
  subTrack: "",
  freeText: null,
  statusSchool: false,
  statusApprentice: false,
  specialties: [],
  stagePasserelle: false,
  ...extra,
});

function input(over: Partial<DialogueFormInput> = {}): DialogueFormInput {
  return {
    schoolYear: "2026-2027",
    school: {
      name: "Collège Stendhal",
      uai: "0381234A",
      address: "12 rue Hector Berlioz",
      postalCode: "38000",
      city: "Grenoble",
      phone: "04 76 12 34 50",
      email: "ce.0381234a@example.fr",
      termMode: "trimester",
    },
    academy: { appealCommissionPresident: "M. le directeur académique", appealCommissionAddress: "1 rue Joseph Chanrion, 38032 Grenoble" },
    student: {
      lastName: "Lefèvre",
      firstName: "Maëlys",
      ine: "123456789AB",
      birthDate: "2011-03-04",
      divisionCode: "3A",
      level: "3e",
      outOfProcedureReason: null,
    },
    guardians: [
      { rank: 2, civility: "M.", firstName: "Jérôme", lastName: "Lefèvre" },
      { rank: 1, civility: "Mme", firstName: "Hélène", lastName: "Guérin" },
    ],
    requests: [
      {
        phase: "provisional",
        source: "family",
        enteredByName: "Mme Hélène Guérin",
        enteredAt: new Date("2027-02-10T08:05:00Z"),
        changedBySchoolName: null,
        changedBySchoolAt: null,
        items: [item(2, "2PRO", { freeText: "métiers de l'hôtellerie « cuisine »", statusSchool: true, statusApprentice: true }), item(1, "2GT")],
      },
    ],
    familyEntries: [],
    opinions: [
      {
        itemId: "item-1",
        value: "favorable",
        comment: "Très bon trimestre, à poursuivre",
        enteredAt: new Date("2027-03-01T17:00:00Z"),
        enteredByName: "Mme Claire Vernet",
      },
    ],
    acknowledgement: { byName: "M. Jérôme Lefèvre", at: new Date("2027-03-05T19:30:00Z") },
    proposals: [],
    answer: null,
    agreements: [],
    decision: null,
    interviews: [],
    appeal: null,
    signatoryName: "Mme Hélène Roussin",
    ...over,
  };
}

/** A conforming decision taken by the head, not notified. */
function conforming(): NonNullable<DialogueFormInput["decision"]> {
  return {
    item: item(1, "CAP"),
    source: "agreement",
    differsFromRequest: false,
    reasonKnowledge: null,
    reasonAbilities: null,
    reasonInterests: null,
    notifiedOn: null,
    noticeChannel: null,
    appealDeadline: null,
    decidedAt: new Date("2027-06-14T08:00:00Z"),
    decidedByName: "M. Le Principal",
    maintienAt: null,
    maintienByName: null,
  };
}

describe("fiche de dialogue (R-SCH-13)", () => {
  it("R-SCH-13: lists the requests by rank with their details, who entered them and when (Paris time)", () => {
    const form = buildDialogueForm(input());
    const provisional = form.sections.find((s) => s.heading.includes("Intention(s) d'orientation"))!;
    expect(provisional.heading).toBe("Deuxième trimestre : DEMANDE(S) DES REPRÉSENTANTS LÉGAUX / Intention(s) d'orientation");
    expect(provisional.lines.map((l) => l.text)).toEqual([
      "Saisie en ligne par Mme Hélène Guérin le 10/02/2027 à 09:05",
      "1. 2de générale et technologique ou 2de STHR",
      "2. 2de professionnelle – Spécialité(s) ou famille(s) de métiers : métiers de l'hôtellerie « cuisine » – Sous statut scolaire – Sous statut d'apprenti",
    ]);
  });

  it("R-SCH-13: shows the avis with recommendations, the acknowledgement, and the guardians in rank order", () => {
    const form = buildDialogueForm(input());
    const text = form.sections.flatMap((s) => [s.heading, ...s.lines.map((l) => l.text)]).join("\n");
    expect(text).toContain("1. 2de générale et technologique ou 2de STHR : Favorable");
    expect(text).toContain("Recommandations : Très bon trimestre, à poursuivre");
    expect(text).toContain("Accusé de réception donné par M. Jérôme Lefèvre le 05/03/2027 à 20:30");
    expect(form.studentLines[2]).toBe("Représentant(s) légal(aux) : Mme Hélène Guérin, M. Jérôme Lefèvre");
    expect(form.signature).toEqual({ caption: "Le chef d'établissement", signatoryName: "Mme Hélène Roussin" });
  });

  it("R-CAL-4: labels the phases by semester for a school configured in semesters", () => {
    const form = buildDialogueForm(input({ school: { ...input().school, termMode: "semester" } }));
    expect(form.sections.map((s) => s.heading)).toContain("Premier semestre : DEMANDE(S) DES REPRÉSENTANTS LÉGAUX / Intention(s) d'orientation");
    expect(form.sections.map((s) => s.heading)).toContain("Second semestre : DEMANDE(S) DES REPRÉSENTANTS LÉGAUX / Choix définitif(s)");
  });

  it("R-SCH-13: a family entry received but not yet in the back-office is shown as entered online", () => {
    const form = buildDialogueForm(
      input({
        requests: [],
        familyEntries: [
          {
            phase: "provisional",
            enteredByName: "M. Jérôme Lefèvre",
            enteredAt: new Date("2027-01-20T10:00:00Z"),
            items: [item(1, "CAP", { freeText: "boulangerie" })],
          },
        ],
      }),
    );
    const lines = form.sections[0]!.lines.map((l) => l.text);
    expect(lines).toEqual(["Saisie en ligne par M. Jérôme Lefèvre le 20/01/2027 à 11:00", "1. 1re année de CAP – Spécialité(s) : boulangerie"]);
  });

  it("R-SCH-13: the final phase shows choices, proposals, the answer with agreements and a decision with its appeal deadline (R-FIN-11)", () => {
    const choice = { ...item(1, "1G", { specialties: ["MATHS", "PC", "SVT"] }), id: "choice-1" };
    const form = buildDialogueForm(
      input({
        student: { ...input().student, level: "2GT", divisionCode: "2A" },
        requests: [
          {
            phase: "final",
            source: "school",
            enteredByName: "M. Bernard Faure-Dumas",
            enteredAt: new Date("2027-05-20T08:00:00Z"),
            changedBySchoolAt: null,
            changedBySchoolName: null,
            items: [choice],
          },
        ],
        proposals: [
          {
            id: "p1",
            kind: "answer_to_choice",
            choiceItemId: "choice-1",
            item: choice,
            answer: "no",
            motivation: null,
            enteredAt: new Date("2027-06-10T15:00:00Z"),
            enteredByName: "M. Julien Ravel",
          },
          {
            id: "p2",
            kind: "extra",
            choiceItemId: null,
            item: { ...item(1, "1T", { subTrack: "STMG" }), id: "x" },
            answer: null,
            motivation: "Goût pour la gestion",
            enteredAt: new Date("2027-06-10T15:00:00Z"),
            enteredByName: "M. Julien Ravel",
          },
        ],
        answer: {
          source: "family",
          kind: "accept",
          acceptedProposalIds: ["p2"],
          answeredByName: "Mme Hélène Guérin",
          answeredAt: new Date("2027-06-12T09:00:00Z"),
        },
        agreements: [{ guardianName: "M. Jérôme Lefèvre", agrees: true, answeredByName: "M. Jérôme Lefèvre", answeredAt: new Date("2027-06-12T18:00:00Z") }],
        decision: {
          item: { ...item(1, "1T", { subTrack: "STMG" }) },
          source: "head",
          differsFromRequest: true,
          reasonKnowledge: "Résultats en mathématiques",
          reasonAbilities: "Méthode solide",
          reasonInterests: "Goût pour la gestion",
          notifiedOn: "2027-06-15",
          noticeChannel: "paper",
          appealDeadline: "2027-06-18",
          decidedAt: new Date("2027-06-14T08:00:00Z"),
          decidedByName: "M. Bernard Faure-Dumas",
          maintienAt: null,
          maintienByName: null,
        },
      }),
    );
    const text = form.sections.flatMap((s) => [s.heading, ...s.lines.map((l) => l.text)]).join("\n");
    expect(text).toContain("1. 1re générale – Enseignements de spécialité : 1. Mathématiques, 2. Physique-chimie, 3. Sciences de la vie et de la Terre");
    expect(text).toContain("Saisie par l'établissement (M. Bernard Faure-Dumas) le 20/05/2027 à 10:00");
    expect(text).toContain(
      "Choix 1. 1re générale – Enseignements de spécialité : 1. Mathématiques, 2. Physique-chimie, 3. Sciences de la vie et de la Terre : Non",
    );
    expect(text).toContain("Proposition du conseil de classe : 1re technologique – série STMG");
    expect(text).toContain("Proposition acceptée : 1re technologique – série STMG");
    expect(text).toContain("M. Jérôme Lefèvre : d'accord avec cette réponse (le 12/06/2027 à 20:00)");
    expect(text).toContain("Délai pour faire appel : jusqu'au 18/06/2027");
    expect(text).toContain("Commission d'appel : M. le directeur académique – 1 rue Joseph Chanrion, 38032 Grenoble");
  });

  it("R-SCH-13 / R-2GT-2 / R-2GT-4: a 2de GT fiche ranks the spécialités, marks those the lycée does not offer «hors établissement», names the série and the stage passerelle", () => {
    const intention = { ...item(1, "1G", { specialties: ["MATHS", "PC", "SVT", "SES", "ARTS_DANSE"] }), id: "i1" };
    const form = buildDialogueForm(
      input({
        student: { ...input().student, level: "2GT", divisionCode: "2A" },
        offeredSpecialties: ["MATHS", "PC", "SVT", "SES"],
        requests: [
          {
            phase: "provisional",
            source: "school",
            enteredByName: "M. Bernard Faure-Dumas",
            enteredAt: new Date("2027-01-20T08:00:00Z"),
            changedBySchoolAt: null,
            changedBySchoolName: null,
            items: [intention, item(2, "1T", { subTrack: "STL_BIO" })],
          },
          {
            phase: "final",
            source: "school",
            enteredByName: "M. Bernard Faure-Dumas",
            enteredAt: new Date("2027-05-20T08:00:00Z"),
            changedBySchoolAt: null,
            changedBySchoolName: null,
            items: [item(1, "VOIE_PRO", { subTrack: "1PRO", stagePasserelle: true })],
          },
        ],
        opinions: [{ itemId: "i1", value: "favorable", comment: null, enteredAt: new Date("2027-02-10T08:00:00Z"), enteredByName: "M. Julien Ravel" }],
      }),
    );
    const text = form.sections.flatMap((s) => [s.heading, ...s.lines.map((l) => l.text)]).join("\n");
    const ranked =
      "1re générale – Enseignements de spécialité : 1. Mathématiques, 2. Physique-chimie, 3. Sciences de la vie et de la Terre, 4. Sciences économiques et sociales, 5. Arts : danse (hors établissement)";
    expect(text).toContain(`1. ${ranked}`);
    expect(text).toContain(`1. ${ranked} : Favorable`);
    expect(text).toContain("2. 1re technologique – série STL option biotechnologies");
    expect(text).toContain("1. Accès à la voie professionnelle : 1re professionnelle – Stage passerelle demandé");
    expect(form.studentLines).toContain("Division : 2A – 2de générale et technologique");
  });

  it("R-SCH-13 / R-FIN-9 / R-FIN-11 / R-FIN-12: the decision block labels the three reasons, the notice and the deadline; the interview(s) and the appeal have their sections", () => {
    const form = buildDialogueForm(
      input({
        answer: {
          source: "family",
          kind: "refuse_all",
          acceptedProposalIds: [],
          answeredByName: "Mme Hélène Guérin",
          answeredAt: new Date("2027-06-12T09:00:00Z"),
        },
        interviews: [
          {
            heldAt: new Date("2027-06-14T13:00:00Z"),
            participants: "Mme Hélène Roussin, Mme Hélène Guérin, Maëlys",
            outcome: "disagreement",
            agreedTrack: null,
            agreedSubTrack: "",
            notes: "La famille maintient sa demande de 2de GT",
            enteredByName: "Mme Hélène Roussin",
          },
          {
            heldAt: new Date("2027-06-13T08:00:00Z"),
            participants: "Mme Hélène Roussin, M. Jérôme Lefèvre",
            outcome: "agreement",
            agreedTrack: "2PRO",
            agreedSubTrack: "",
            notes: null,
            enteredByName: "Mme Hélène Roussin",
          },
        ],
        decision: {
          item: item(1, "2PRO"),
          source: "head",
          differsFromRequest: true,
          reasonKnowledge: "Des lacunes importantes en français",
          reasonAbilities: "Une grande habileté manuelle",
          reasonInterests: "Un projet en cuisine",
          notifiedOn: "2027-06-15",
          noticeChannel: "email",
          appealDeadline: "2027-06-18",
          decidedAt: new Date("2027-06-15T07:00:00Z"),
          decidedByName: "Mme Hélène Roussin",
          maintienAt: new Date("2027-07-01T08:00:00Z"),
          maintienByName: "Mme Hélène Roussin",
        },
        appeal: {
          requestedOn: "2027-06-16",
          requestedByName: "Mme Hélène Roussin",
          commissionDate: "2027-06-25",
          outcome: "upheld",
          commissionTrack: "2PRO",
          commissionSubTrack: "",
          commissionNotes: null,
        },
      }),
    );
    const section = (h: string) => form.sections.find((s) => s.heading === h)!.lines.map((l) => l.text);
    expect(form.sections.map((s) => s.heading).slice(-4)).toEqual([
      "RÉPONSE DES REPRÉSENTANTS LÉGAUX",
      "DÉSACCORD / ENTRETIEN AVEC LE CHEF D'ÉTABLISSEMENT",
      "DÉCISION D'ORIENTATION",
      "APPEL",
    ]);
    expect(section("DÉSACCORD / ENTRETIEN AVEC LE CHEF D'ÉTABLISSEMENT")).toEqual([
      "Entretien du 13/06/2027 à 10:00",
      "Participants : Mme Hélène Roussin, M. Jérôme Lefèvre",
      "Issue : accord sur 2de professionnelle",
      "Consigné par Mme Hélène Roussin",
      "Entretien du 14/06/2027 à 15:00",
      "Participants : Mme Hélène Roussin, Mme Hélène Guérin, Maëlys",
      "Issue : le désaccord demeure",
      "Observations : La famille maintient sa demande de 2de GT",
      "Consigné par Mme Hélène Roussin",
    ]);
    expect(section("DÉCISION D'ORIENTATION")).toEqual([
      "2de professionnelle",
      "Décision prise par Mme Hélène Roussin le 15/06/2027 à 09:00",
      "Décision différente de la demande de la famille",
      "Motifs de la décision :",
      "Connaissances de l'élève : Des lacunes importantes en français",
      "Capacités de l'élève : Une grande habileté manuelle",
      "Intérêts de l'élève : Un projet en cuisine",
      "Notification reçue le 15/06/2027 (envoi par courrier électronique)",
      "Délai pour faire appel : jusqu'au 18/06/2027 inclus",
      "Commission d'appel : M. le directeur académique – 1 rue Joseph Chanrion, 38032 Grenoble",
      "Maintien dans la classe d'origine demandé par la famille (enregistré par Mme Hélène Roussin le 01/07/2027 à 10:00)",
    ]);
    expect(section("APPEL")).toEqual([
      "Appel demandé par la famille le 16/06/2027",
      "Enregistré par Mme Hélène Roussin",
      "Commission d'appel réunie le 25/06/2027",
      "Décision de la commission d'appel : 2de professionnelle (décision du chef d'établissement maintenue)",
    ]);
    // Disagreement without an interview yet: the section says it is to be held; no appeal section.
    const due = buildDialogueForm(
      input({ answer: { source: "school", kind: "refuse_all", acceptedProposalIds: [], answeredByName: "X", answeredAt: new Date("2027-06-12T09:00:00Z") } }),
    );
    expect(due.sections.find((s) => s.heading.startsWith("DÉSACCORD"))!.lines.map((l) => l.text)).toEqual(["Entretien à mener avec le chef d'établissement."]);
    expect(due.sections.some((s) => s.heading === "APPEL")).toBe(false);
    // A pending appeal; a conforming decision has no reasons, no deadline, no commission.
    const pending = buildDialogueForm(
      input({
        decision: conforming(),
        appeal: {
          requestedOn: "2027-06-16",
          requestedByName: "X",
          commissionDate: null,
          outcome: "pending",
          commissionTrack: null,
          commissionSubTrack: "",
          commissionNotes: null,
        },
      }),
    );
    expect(pending.sections.find((s) => s.heading === "APPEL")!.lines.map((l) => l.text)).toEqual([
      "Appel demandé par la famille le 16/06/2027",
      "Enregistré par X",
      "Décision de la commission d'appel attendue.",
    ]);
    expect(pending.sections.find((s) => s.heading === "DÉCISION D'ORIENTATION")!.lines.map((l) => l.text)).toEqual([
      "1re année de CAP",
      "Décision prise par M. Le Principal le 14/06/2027 à 10:00",
      "Décision conforme à la demande de la famille",
    ]);
  });

  it("R-SCH-13: the PDF prints the decision's reasons and the appeal", async () => {
    const form = buildDialogueForm(
      input({
        decision: {
          ...conforming(),
          differsFromRequest: true,
          reasonKnowledge: "Connaissances fragiles",
          reasonAbilities: "Capacités réelles",
          reasonInterests: "Intérêt marqué",
        },
        appeal: {
          requestedOn: "2027-06-16",
          requestedByName: "X",
          commissionDate: "2027-06-25",
          outcome: "pending",
          commissionTrack: null,
          commissionSubTrack: "",
          commissionNotes: null,
        },
      }),
    );
    const text = extractPdfText(await renderDialogueForms([form], null, { title: "Fiche" }));
    expect(text).toContain("Intérêts de l'élève : Intérêt marqué");
    expect(text).toContain("Commission d'appel réunie le 25/06/2027");
  });

  it("R-SCH-13: says so when nothing was entered yet", () => {
    const form = buildDialogueForm(input({ requests: [], opinions: [], acknowledgement: null }));
    const text = form.sections.flatMap((s) => s.lines.map((l) => l.text));
    expect(text).toEqual(
      expect.arrayContaining([
        "Aucune intention saisie.",
        "Aucun avis provisoire saisi.",
        "Pas d'accusé de réception.",
        "Aucun choix définitif saisi.",
        "Aucune proposition saisie.",
        "Pas de réponse de la famille.",
        "Pas de décision d'orientation.",
      ]),
    );
  });
});

describe("fiche de dialogue as a PDF (R-SCH-13)", () => {
  it("R-SCH-13: one page per student, with French accents readable back from the PDF", async () => {
    const a = buildDialogueForm(input());
    const b = buildDialogueForm(input({ student: { ...input().student, firstName: "Zoé", lastName: "Noël", ine: "987654321CD" } }));
    const pdf = await renderDialogueForms([a, b], null, { title: "Fiches de dialogue – 3A" });
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(2);
    const text = extractPdfText(pdf);
    expect(text).toContain("Fiche de dialogue – Orientation");
    expect(text).toContain("Élève : LEFÈVRE Maëlys – né(e) le 04/03/2011 – INE 123456789AB");
    expect(text).toContain("Élève : NOËL Zoé");
    expect(text).toContain("« cuisine »");
    expect(text).toContain("Le chef d'établissement");
  });

  it("R-SCH-13: prints the head's scanned signature image", async () => {
    // A 2×1 PNG (red, blue).
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAEElEQVR4nGP4z8DAwMDwHwAH9AH/7e1m5QAAAABJRU5ErkJggg==", "base64");
    const pdf = await renderDialogueForms([buildDialogueForm(input())], { mimeType: "image/png", image: png }, { title: "Fiche" });
    expect(Buffer.from(pdf).toString("latin1")).toMatch(/\/Subtype \/Image/);
    const without = await renderDialogueForms([buildDialogueForm(input())], null, { title: "Fiche" });
    expect(Buffer.from(without).toString("latin1")).not.toMatch(/\/Subtype \/Image/);
  });

  it("R-SCH-13: characters outside WinAnsi are replaced instead of breaking the PDF", async () => {
    const charset = new Set([..."abcdeé ?-".split("").map((c) => c.codePointAt(0)!)]);
    expect(toWinAnsi("a\u202fb → ē 😀", charset)).toBe("a b -> e ?");
    const form = buildDialogueForm(
      input({ opinions: [{ itemId: "item-1", value: "reserve", comment: "Objectif ≥ 12 → réussir 😀 ǅ", enteredAt: new Date(), enteredByName: "X" }] }),
    );
    const text = extractPdfText(await renderDialogueForms([form], null, { title: "Fiche" }));
    expect(text).toContain("Recommandations : Objectif >= 12 -> réussir ? ?");
  });

  it("R-SCH-13: a very long file continues on further pages rather than losing text", async () => {
    const long = "recommandation détaillée ".repeat(400);
    const form = buildDialogueForm(input({ opinions: [{ itemId: "item-1", value: "reserve", comment: long, enteredAt: new Date(), enteredByName: "X" }] }));
    const pdf = await renderDialogueForms([form], null, { title: "Fiche" });
    expect((await PDFDocument.load(pdf)).getPageCount()).toBeGreaterThan(1);
    expect(extractPdfText(pdf)).toContain("LEFÈVRE Maëlys – né(e) le 04/03/2011 – INE 123456789AB (suite)");
    expect(extractPdfText(pdf)).toContain("Pas de décision d'orientation.");
  });
});
