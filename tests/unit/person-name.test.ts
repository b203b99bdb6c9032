import { describe, expect, it } from "vitest";
import { intentionsRecapEmail } from "@/emails/intentions-recap";
import { schoolChangeEmail } from "@/emails/school-change";
import { finalBadges } from "@/lib/domain/badges";
import { describeFamilyHome } from "@/lib/domain/family-home";
import { deName, elides } from "@/lib/domain/person-name";
import { openCouncilConfirmation } from "@/lib/domain/school-division-page";
import { SAMPLE_SCHOOL as school, sampleSchoolChangeVars } from "../support/email-samples";

describe("French elision before a name (docs/rules.md, R-FIN-8 wording)", () => {
  it("«de» becomes «d'» before a vowel, Y or h, accented or not; never before a consonant or a civility", () => {
    expect(deName("Adam Dufour")).toBe("d'Adam Dufour");
    expect(deName("Élise Martin")).toBe("d'Élise Martin");
    expect(deName("Îlona")).toBe("d'Îlona");
    expect(deName("Œdipe Roi")).toBe("d'Œdipe Roi");
    expect(deName("Yves Test")).toBe("d'Yves Test");
    expect(deName("ursule")).toBe("d'ursule");
    // Every h is treated as mute (documented in lib/domain/person-name.ts).
    expect(deName("Hugo Bernard")).toBe("d'Hugo Bernard");
    expect(deName("Claire Martin")).toBe("de Claire Martin");
    expect(deName("Mme Anne Test")).toBe("de Mme Anne Test");
    expect(deName("M. Arnaud Petit")).toBe("de M. Arnaud Petit");
    expect(elides("")).toBe(false);
  });

  it("R-INT-1: the family home's link to a child's procedure reads «Voir la procédure d'orientation d'Adam Dufour»", () => {
    const [card] = describeFamilyHome(
      [
        {
          id: "s1",
          firstName: "Adam",
          lastName: "Dufour",
          divisionCode: "3A",
          schoolName: "Collège Stendhal",
          campaignOpen: true,
          state: { label: "Intentions provisoires à saisir", tone: "todo" },
          calendar: [],
        },
      ],
      new Date(),
    ).children;
    expect(`${card!.link.text}${card!.link.srSuffix}`).toBe("Voir la procédure d'orientation d'Adam Dufour");
  });

  it("R-SCH-5 / R-INT-4: the e-mails elide before the student's or the guardian's name", () => {
    const change = schoolChangeEmail.text({ ...sampleSchoolChangeVars("Adam Dufour"), civility: "Mme" });
    expect(change).toContain("Les intentions d'orientation d'Adam Dufour ont été modifiées");
    const recap = intentionsRecapEmail.text({
      variant: "other",
      enteredBy: "Élodie Dufour",
      enteredAt: "23/11/2026 à 10:15",
      studentName: "Adam Dufour",
      items: [{ label: "2de générale et technologique", details: [] }],
      school,
    });
    expect(recap).toContain("veuillez vous rapprocher d'Élodie Dufour, qui a saisi");
    expect(recap).not.toMatch(/\bde [AEIOUYÉH]/);
  });

  it("R-FIN-7 / R-SCH-8: the badge of an awaited agreement names the guardian with the elision", () => {
    const at = new Date("2027-06-10T08:00:00Z");
    const badges = finalBadges({
      familyEntry: null,
      request: null,
      proposalCount: 1,
      proposalsPublishedAt: at,
      answer: { source: "family", kind: "accept", byName: "Mme Anne Dufour", at },
      agreementsAwaited: { count: 1, names: ["Élodie Dufour"] },
      agreements: [],
      familyToInform: false,
    });
    expect(badges.find((b) => b.code === "agreement_awaited")!.label).toBe("Accord avec la réponse attendu d'Élodie Dufour");
    const unknown = finalBadges({
      familyEntry: null,
      request: null,
      proposalCount: 1,
      proposalsPublishedAt: at,
      answer: { source: "school", kind: "accept", byName: "M. Le Principal", at },
      agreementsAwaited: { count: 1, names: [] },
      agreements: [],
      familyToInform: false,
    });
    expect(unknown.find((b) => b.code === "agreement_awaited")!.label).toBe("Accord avec la réponse attendu de l'autre représentant légal");
  });

  it("R-SCH-3: the council's confirmation names the division, not a person (no elision there)", () => {
    expect(openCouncilConfirmation("3C", "provisional").question).toBe("Ouvrir le conseil de classe de 3C ?");
  });
});
