import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorizeScope } from "@/lib/auth/guard";
import { NotFoundError, type Actor, type StudentScope } from "@/lib/auth/policy";
import { findAcademyDecisionParameters, findPublishedAppeal, findPublishedDecision, findPublishedInterviews } from "@/lib/db/repositories/family-final";
import { findActor, findStudentScope } from "@/lib/db/repositories/scopes";
import {
  academies,
  familyAnswers,
  familyPublishedAppeals,
  familyPublishedDecisions,
  familyPublishedInterviews,
  familyPublishedProposals,
  schools,
} from "@/lib/db/schema";
import { MAINTIEN_TEXT } from "@/lib/domain/decision";
import { NEXT_STEP_LINK_LABEL, NO_AGREEMENT_INTERVIEW_MESSAGE } from "@/lib/domain/family-decision";
import { parisDateTime } from "@/lib/domain/paris-time";
import { readFamilyFile } from "@/lib/loaders/family-file";
import { extractPdfText } from "@/lib/pdf/extract-text";
import { printDecisionNotice } from "@/lib/services/decision-notice";
import { loadFamilyHome } from "@/lib/services/family-home";
import { seedCampaign, type Campaign } from "../support/campaign";
import { createTestDb, type TestDb } from "../support/test-db";

/*
 * The family side of decisions, interviews and appeals (R-FIN-8/9/11/12): the reads of the
 * published rows (inserted here as the nightly transfer would), the family page's step 3, the
 * family home's line and the notice's PDF.
 */

const NOW = parisDateTime("2027-06-12", "10:00");
let t: TestDb;
let c: Campaign;
let scopes: StudentScope[];
let guardian0: Actor;
let guardian1: Actor;

const REASONS = {
  reasonKnowledge: "Les acquis en mathématiques restent fragiles.",
  reasonAbilities: "Camille montre un grand sens pratique en atelier.",
  reasonInterests: "Camille s'intéresse aux métiers de la restauration.",
};

beforeAll(async () => {
  t = await createTestDb({ poolSize: 4 });
  c = await seedCampaign(t.db, 2);
  scopes = await Promise.all(c.studentIds.map(async (id) => (await findStudentScope(t.db, id, NOW))!));
  await t.db
    .update(academies)
    .set({ appealDeadlineWorkingDays: 3, appealCommissionPresident: "M. le DASEN de l'Isère", affectationUrl: "https://affectation.ac-test.fr" })
    .where(eq(academies.id, scopes[0]!.academyId));
  guardian0 = (await findActor(t.db, c.guardianAccountIds[0]![0]!))!;
  guardian1 = (await findActor(t.db, c.guardianAccountIds[1]![0]!))!;
  const studentId = c.studentIds[0]!;
  const proposal = randomUUID();
  await t.db.insert(familyPublishedProposals).values({ id: proposal, studentId, kind: "extra", rank: 1, track: "2PRO", publishedAt: NOW });
  await t.db.insert(familyAnswers).values({
    studentId,
    source: "family",
    accountId: guardian0.accountId,
    actorName: guardian0.displayName,
    kind: "refuse_all",
    answeredAt: parisDateTime("2027-06-02", "18:00"),
  });
});

afterAll(async () => {
  await t?.drop();
});

async function publishInterview() {
  await t.db.insert(familyPublishedInterviews).values({
    id: randomUUID(),
    studentId: c.studentIds[0]!,
    heldAt: parisDateTime("2027-06-07", "10:30"),
    participants: "Mme Claire Parent0, Camille, M. Dupuis (principal)",
    outcome: "disagreement",
    publishedAt: NOW,
  });
}

async function publishDecision() {
  await t.db.insert(familyPublishedDecisions).values({
    studentId: c.studentIds[0]!,
    rank: 1,
    track: "2PRO",
    subTrack: "",
    source: "head",
    differsFromRequest: true,
    ...REASONS,
    notifiedOn: "2027-06-11",
    noticeChannel: "email",
    appealDeadline: "2027-06-15",
    decidedAt: parisDateTime("2027-06-08", "17:00"),
    decidedByName: "M. Dupuis",
    publishedAt: NOW,
  });
}

describe("R-FIN-8/9/11/12: the family side of the decision", () => {
  it("R-FIN-9: a refusal of every proposal shows the mandatory interview; nothing is published yet and the notice is a 404", async () => {
    expect(await findPublishedDecision(t.db, c.studentIds[0]!)).toBeNull();
    expect(await findPublishedInterviews(t.db, c.studentIds[0]!)).toEqual([]);
    expect(await findPublishedAppeal(t.db, c.studentIds[0]!)).toBeNull();
    const file = (await readFamilyFile(t.db, guardian0, scopes[0]!, NOW, { noticeHref: "/famille/eleves/x/notification" }))!;
    expect(file.decision.disagreement).toBe(NO_AGREEMENT_INTERVIEW_MESSAGE);
    expect(file.decision.noticeLink).toBeNull();
    expect(await printDecisionNotice(t.db, scopes[0]!, NOW)).toBeNull();
    const [home] = await loadFamilyHome(t.db, { studentId: c.studentIds[0]! }, NOW);
    expect(home!.state.label).toBe("Aucun accord : entretien obligatoire avec le chef d'établissement, à contacter immédiatement");
  });

  it("R-FIN-9: the interview held is read back and shown; step 3 becomes the procedure's step", async () => {
    await publishInterview();
    const interviews = await findPublishedInterviews(t.db, c.studentIds[0]!);
    expect(interviews).toMatchObject([{ participants: "Mme Claire Parent0, Camille, M. Dupuis (principal)", outcome: "disagreement", agreedTrack: null }]);
    const file = (await readFamilyFile(t.db, guardian0, scopes[0]!, NOW))!;
    expect(file.selectedStep).toBe(3);
    expect(file.decision.disagreement).toBeNull();
    expect(file.decision.interviews[0]!.heading).toBe("Entretien avec le chef d'établissement le 07/06/2027 à 10:30");
    const [home] = await loadFamilyHome(t.db, { studentId: c.studentIds[0]! }, NOW);
    expect(home!.state.label).toBe("Entretien avec le chef d'établissement tenu le 07/06/2027 : décision d'orientation attendue");
  });

  it("R-FIN-11: the decision that differs is read with its reasons and deadline, and shown with the académie's commission and affectation link", async () => {
    await publishDecision();
    expect(await findPublishedDecision(t.db, c.studentIds[0]!)).toMatchObject({
      track: "2PRO",
      source: "head",
      differsFromRequest: true,
      ...REASONS,
      notifiedOn: "2027-06-11",
      noticeChannel: "email",
      appealDeadline: "2027-06-15",
      decidedByName: "M. Dupuis",
      maintienAt: null,
    });
    expect(await findAcademyDecisionParameters(t.db, scopes[0]!.academyId)).toEqual({
      appealWorkingDays: 3,
      commissionPresident: "M. le DASEN de l'Isère",
      commissionAddress: "1 rue de l'Appel, 38000 Grenoble",
      affectationUrl: "https://affectation.ac-test.fr",
    });
    const file = (await readFamilyFile(t.db, guardian0, scopes[0]!, NOW, { noticeHref: `/famille/eleves/${c.studentIds[0]}/notification` }))!;
    const text = file.decision.notice!.flatMap((s) => [s.title, ...s.paragraphs]).join("\n");
    expect(text).toContain(REASONS.reasonKnowledge);
    expect(text).toContain("vous pouvez faire appel jusqu'au mardi 15 juin 2027 inclus.");
    expect(text).toContain("présidée par M. le DASEN de l'Isère, 1 rue de l'Appel, 38000 Grenoble");
    expect(text).toContain(MAINTIEN_TEXT);
    expect(file.decision.nextStep?.link).toEqual({ href: "https://affectation.ac-test.fr", label: NEXT_STEP_LINK_LABEL });
    expect(file.decision.noticeLink?.href).toBe(`/famille/eleves/${c.studentIds[0]}/notification`);
    expect(file.stepLinks.find((s) => s.number === 3)!.todo).toBe(
      "À faire : consulter la décision d'orientation (appel possible jusqu'au mardi 15 juin 2027 inclus)",
    );
    const [home] = await loadFamilyHome(t.db, { studentId: c.studentIds[0]! }, NOW);
    expect(home!.state).toEqual({ label: "Décision d'orientation disponible – appel possible jusqu'au mardi 15 juin 2027 inclus", tone: "todo" });
  });

  it("R-FIN-11: the notice's PDF carries the school, the student, the reasons, the deadline and the commission's president", async () => {
    const notice = (await printDecisionNotice(t.db, scopes[0]!, NOW))!;
    expect(notice.fileName).toBe("notification-decision-orientation-Eleve0-Camille.pdf");
    const text = extractPdfText(notice.pdf).replace(/\n/g, " ");
    expect(text).toContain("Collège Les Tilleuls");
    expect(text).toContain("2 rue des Écoles");
    expect(text).toContain("Notification de la décision d'orientation");
    expect(text).toContain("Camille Élève0");
    for (const r of Object.values(REASONS)) expect(text).toContain(r);
    expect(text).toContain("mardi 15 juin 2027 inclus");
    expect(text).toContain("M. le DASEN de l'Isère");
    expect(text).toContain("Droit au maintien");
  });

  it("R-FIN-9: the appeal and the commission's decision are read back and shown", async () => {
    await t.db
      .insert(familyPublishedAppeals)
      .values({ studentId: c.studentIds[0]!, requestedOn: "2027-06-14", commissionDate: "2027-06-24", outcome: "pending", publishedAt: NOW });
    const pending = (await readFamilyFile(t.db, guardian0, scopes[0]!, NOW))!;
    expect(pending.decision.appeal?.lines[0]).toBe("Appel demandé le lundi 14 juin 2027.");
    expect(pending.decision.todo).toBe("À faire : rien, la décision de la commission d'appel est attendue");
    await t.db
      .update(familyPublishedAppeals)
      .set({ outcome: "upheld", commissionTrack: "2PRO", commissionDecidedAt: parisDateTime("2027-06-24", "18:00") })
      .where(eq(familyPublishedAppeals.studentId, c.studentIds[0]!));
    expect(await findPublishedAppeal(t.db, c.studentIds[0]!)).toMatchObject({ outcome: "upheld", commissionTrack: "2PRO", commissionDate: "2027-06-24" });
    const decided = (await readFamilyFile(t.db, guardian0, scopes[0]!, parisDateTime("2027-06-25", "10:00")))!;
    expect(decided.decision.appeal?.lines.at(-1)).toContain("elle confirme la décision du chef d'établissement");
    const [home] = await loadFamilyHome(t.db, { studentId: c.studentIds[0]! }, NOW);
    expect(home!.state.label).toBe("Décision de la commission d'appel disponible");
  });

  it("R-AUTH-1: a guardian of another family gets nothing (404), and their own child's file shows no decision", async () => {
    await expect(authorizeScope(t.db, guardian1, "read:student-file", { type: "student", id: c.studentIds[0]! }, NOW)).rejects.toBeInstanceOf(NotFoundError);
    const own = (await readFamilyFile(t.db, guardian1, scopes[1]!, NOW, { noticeHref: "/famille/eleves/y/notification" }))!;
    expect(own.decision.notice).toBeNull();
    expect(own.decision.noticeLink).toBeNull();
    expect(own.decision.interviews).toEqual([]);
    expect(await printDecisionNotice(t.db, scopes[1]!, NOW)).toBeNull();
  });

  it("R-FIN-12: without the académie's link, the next step has no link", async () => {
    await t.db.update(academies).set({ affectationUrl: "" }).where(eq(academies.id, scopes[0]!.academyId));
    const file = (await readFamilyFile(t.db, guardian0, scopes[0]!, NOW))!;
    expect(file.decision.nextStep?.title).toBe("Prochaine étape : l'affectation");
    expect(file.decision.nextStep?.link).toBeNull();
    // The school's name on the notice is the school's own, read from the organisation tables.
    const [school] = await t.db.select({ name: schools.name }).from(schools).where(eq(schools.id, scopes[0]!.schoolId));
    expect(extractPdfText((await printDecisionNotice(t.db, scopes[0]!, NOW))!.pdf)).toContain(school!.name);
  });
});
