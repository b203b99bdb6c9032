import { describe, expect, it } from "vitest";
import { DECISION_PUBLISHED_SUBJECT, decisionPublishedEmail, type DecisionPublishedVars } from "@/emails/decision-published";
import { INTERVIEW_INVITATION_SUBJECT, interviewInvitationEmail } from "@/emails/interview-invitation";
import { EMAIL_KINDS, EMAIL_TEMPLATES } from "@/emails/registry";
import { schoolChangeEmail } from "@/emails/school-change";
import { noticeText, type NoticeFacts } from "@/lib/domain/decision-notice";
import { MAINTIEN_TEXT } from "@/lib/domain/decision";
import { civilityFromClaims, familyClaimsSchema } from "@/lib/domain/oidc-claims";
import { salutation } from "@/lib/domain/person-name";
import { appealDeadline } from "@/lib/domain/working-days";
import { SAMPLE_SCHOOL as school } from "../support/email-samples";

/** A decision of the head that differs from the family's request, notified by e-mail on Tuesday 4 May 2027 (Ascension on Thursday 6). */
const differing: NoticeFacts = {
  studentName: "Camille Martin",
  level: "3e",
  schoolName: "Collège Les Tilleuls",
  track: "2PRO",
  subTrack: "",
  source: "head",
  differsFromRequest: true,
  reasonKnowledge: "Les connaissances acquises ne permettent pas encore la 2de GT.",
  reasonAbilities: "Les capacités de Camille seront mieux mises en valeur en 2de professionnelle.",
  reasonInterests: "Ses intérêts rejoignent les enseignements professionnels.",
  decidedAt: new Date("2027-05-03T14:00:00Z"),
  decidedByName: "M. Jean Principal",
  notifiedOn: "2027-05-04",
  noticeChannel: "email",
  appealDeadline: appealDeadline("2027-05-04", 3),
  appealWorkingDays: 3,
  appealCommissionPresident: "M. le DASEN de l'Isère",
  appealCommissionAddress: "1 rue de l'Appel, 38000 Grenoble",
};
const conforming: NoticeFacts = {
  ...differing,
  track: "2GT",
  source: "agreement",
  differsFromRequest: false,
  reasonKnowledge: null,
  reasonAbilities: null,
  reasonInterests: null,
  appealDeadline: null,
};
const vars = (civility: string | null, notice: NoticeFacts = differing): DecisionPublishedVars => ({
  civility,
  notice,
  familyPageUrl: "https://orientation.example.fr/famille/eleves/abc?etape=3",
  school,
});

describe("greetings of the family e-mails", () => {
  it("R-FIN-8: «Madame,», «Monsieur,», and «Madame, Monsieur,» when the civility is unknown (never glued to a name)", () => {
    expect(salutation("Mme")).toBe("Madame,");
    expect(salutation("M.")).toBe("Monsieur,");
    expect(salutation(null)).toBe("Madame, Monsieur,");
    expect(salutation("Dr")).toBe("Madame, Monsieur,");
    for (const [civility, greeting] of [
      ["Mme", "Madame,"],
      ["M.", "Monsieur,"],
      [null, "Madame, Monsieur,"],
    ] as const) {
      const text = decisionPublishedEmail.text(vars(civility));
      expect(text.split("\n")[0]).toBe(greeting);
      expect(decisionPublishedEmail.html(vars(civility))).toContain(`<p>${greeting}</p>`);
      const invitation = interviewInvitationEmail.text({ civility, studentName: "Camille Martin", reason: "refused_all", school });
      expect(invitation.split("\n")[0]).toBe(greeting);
      const change = schoolChangeEmail.text({
        civility,
        studentName: "Camille Martin",
        changedAt: "23/11/2026 à 10:15",
        originalEnteredBy: null,
        originalEnteredAt: null,
        items: ["2GT"],
        originalItems: ["CAP"],
        school,
      });
      expect(change.split("\n")[0]).toBe(greeting);
      for (const t of [text, invitation, change]) expect(t).not.toMatch(/Monsieur (Mme|M\.) |Madame, Monsieur \w/);
    }
  });
});

describe("R-FIN-11 notice of the decision (lib/domain/decision-notice.ts, e-mail)", () => {
  it("R-FIN-11: a decision that differs: the three reasons, the deadline in jours ouvrables from receipt (Ascension skipped), the commission's president and address", () => {
    expect(differing.appealDeadline).toBe("2027-05-10");
    const text = decisionPublishedEmail.text(vars("Mme"));
    expect(decisionPublishedEmail.subject(vars("Mme"))).toBe(DECISION_PUBLISHED_SUBJECT);
    expect(text).toContain("Le chef d'établissement (M. Jean Principal) a pris, le 03/05/2027, la décision d'orientation suivante pour Camille Martin");
    expect(text).toContain("Cette décision diffère de votre demande.");
    expect(text).toContain("Connaissances de l'élève : Les connaissances acquises ne permettent pas encore la 2de GT.");
    expect(text).toContain("Capacités de l'élève : Les capacités de Camille");
    expect(text).toContain("Intérêts de l'élève : Ses intérêts rejoignent");
    expect(text).toContain("dans un délai de 3 jours ouvrables à compter de la réception de cette notification");
    expect(text).toContain(
      "Notification reçue le mardi 4 mai 2027 (envoi par courrier électronique) : vous pouvez faire appel jusqu'au lundi 10 mai 2027 inclus.",
    );
    expect(text).toContain("commission d'appel présidée par M. le DASEN de l'Isère, 1 rue de l'Appel, 38000 Grenoble.");
    expect(text).toContain("Consulter la décision (étape « 3 Décision ») : https://orientation.example.fr/famille/eleves/abc?etape=3");
    expect(text).toContain("Collège Les Tilleuls\n2 rue des Écoles");
    const html = decisionPublishedEmail.html(vars("Mme"));
    expect(html).toContain('<a href="https://orientation.example.fr/famille/eleves/abc?etape=3">');
    expect(html).toContain('<h2 style="font-size: 16px;">Voies de recours</h2>');
    expect(decisionPublishedEmail.html(vars("Mme", { ...differing, studentName: "<b>x</b>" }))).toContain("&lt;b&gt;x&lt;/b&gt;");
  });

  it("R-FIN-11: a notice handed on paper says so; without a day of receipt yet, the deadline runs from receipt", () => {
    expect(noticeText({ ...differing, noticeChannel: "paper", notifiedOn: "2027-05-03", appealDeadline: "2027-05-06" })).toContain(
      "Notification reçue le lundi 3 mai 2027 (remise en main propre) : vous pouvez faire appel jusqu'au jeudi 6 mai 2027 inclus.",
    );
    const unknown = noticeText({ ...differing, noticeChannel: null, notifiedOn: null, appealDeadline: null });
    expect(unknown).toContain("Le délai d'appel court à compter de la réception de cette notification.");
    expect(unknown).not.toContain("jusqu'au");
  });

  it("R-FIN-8 / R-FIN-12: a decision that follows the family's request: no reasons, no appeal, no droit au maintien", () => {
    const text = decisionPublishedEmail.text(vars("M.", conforming));
    expect(text).toContain("Cette décision reprend la proposition du conseil de classe que vous avez acceptée.");
    expect(text).toContain("La décision d'orientation de Camille Martin a été prise.");
    for (const absent of ["Motifs", "VOIES DE RECOURS", "appel devant", "DROIT AU MAINTIEN", MAINTIEN_TEXT]) expect(text).not.toContain(absent);
  });

  it("R-FIN-12: the droit au maintien only for a 3e decision that differs", () => {
    expect(noticeText(differing)).toContain(MAINTIEN_TEXT);
    expect(noticeText({ ...differing, level: "2GT", track: "1T", subTrack: "STMG" })).not.toContain(MAINTIEN_TEXT);
    expect(noticeText({ ...conforming })).not.toContain(MAINTIEN_TEXT);
  });

  it("R-FIN-9: the commission's decision: its own wording, final, no further appeal; the droit au maintien stays for 3e", () => {
    const commission: NoticeFacts = {
      ...differing,
      source: "commission",
      reasonKnowledge: null,
      reasonAbilities: null,
      reasonInterests: null,
      appealDeadline: null,
    };
    const text = decisionPublishedEmail.text(vars(null, commission));
    expect(text).toContain("La commission d'appel a rendu sa décision pour Camille Martin.");
    expect(text).toContain("La commission d'appel a pris, le 03/05/2027, la décision d'orientation suivante pour Camille Martin");
    expect(text).toContain("Cette décision de la commission d'appel est définitive.");
    expect(text).not.toContain("VOIES DE RECOURS");
    expect(text).not.toContain("MOTIFS"); // no empty reasons
    expect(text).toContain(MAINTIEN_TEXT);
  });
});

describe("R-FIN-9 interview invitation", () => {
  it("R-FIN-9: each guardian is told the interview with the head is mandatory, in the national guide's words", () => {
    const refused = interviewInvitationEmail.text({ civility: "Mme", studentName: "Camille Martin", reason: "refused_all", school });
    expect(interviewInvitationEmail.subject({ civility: "Mme", studentName: "", reason: "refused_all", school })).toBe(INTERVIEW_INVITATION_SUBJECT);
    expect(refused).toContain("La réponse saisie pour l'élève Camille Martin refuse toutes les propositions du conseil de classe.");
    expect(refused).toContain(
      "Aucun accord n'ayant été trouvé entre les représentants légaux et le conseil de classe, un entretien avec le chef d'établissement doit obligatoirement avoir lieu",
    );
    expect(refused).toContain("il FAUT contacter IMMÉDIATEMENT le chef d'établissement");
    expect(refused).toContain("commission d'appel");
    const disagree = interviewInvitationEmail.text({ civility: "M.", studentName: "Camille Martin", reason: "guardians_disagree", school });
    expect(disagree).toContain("Un représentant légal de l'élève Camille Martin a signifié son désaccord avec la réponse saisie");
    expect(interviewInvitationEmail.html({ civility: null, studentName: "<i>", reason: "refused_all", school })).toContain("&lt;i&gt;");
  });

  it("R-FIN-9: the invitation is a registered kind, listed for the administrators", () => {
    expect(EMAIL_TEMPLATES["interview-invitation"]).toBe(interviewInvitationEmail);
    expect(EMAIL_KINDS.find((k) => k.kind === "interview-invitation")).toMatchObject({ subject: INTERVIEW_INVITATION_SUBJECT, rule: "R-FIN-9" });
  });
});

describe("R-AUTH-4: the civility an identity provider gives", () => {
  it("R-AUTH-4 / R-FIN-8: the standard `gender` claim gives «Mme» or «M.»; absent or any other value gives none", () => {
    expect(civilityFromClaims({ gender: "female" })).toBe("Mme");
    expect(civilityFromClaims({ gender: " Male " })).toBe("M.");
    expect(civilityFromClaims({})).toBeNull();
    expect(civilityFromClaims({ gender: "other" })).toBeNull();
    expect(civilityFromClaims({ gender: 1 })).toBeNull();
    const base = {
      edu_profile: "guardian",
      sub: "x",
      given_name: "Claire",
      family_name: "Martin",
      children: [{ ine: "1", uai: "2", given_name: "A", family_name: "B" }],
    };
    const parsed = familyClaimsSchema.parse({ ...base, gender: "female" });
    expect(parsed.edu_profile === "guardian" && civilityFromClaims(parsed)).toBe("Mme");
    expect(familyClaimsSchema.safeParse({ ...base, gender: ["odd"] }).success).toBe(true); // tolerated, ignored
  });
});
