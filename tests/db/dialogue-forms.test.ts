import { asc, eq } from "drizzle-orm";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { findDivisionStudentIds, loadDialogueFormInputs } from "@/lib/db/repositories/dialogue-forms";
import { findSchoolScope } from "@/lib/db/repositories/scopes";
import { divisions, opinions, schoolAcknowledgements, schoolFamilyEntries, schoolRequestItems, schoolRequests, students } from "@/lib/db/schema";
import { seedDemo } from "@/lib/db/seed";
import { extractPdfText } from "@/lib/pdf/extract-text";
import { printDialogueForms } from "@/lib/services/dialogue-forms";
import { saveSignature } from "@/lib/services/school-settings";
import { createTestDb, type TestDb } from "../support/test-db";
import { demoActor } from "../support/final-fixtures";

const NOW = new Date("2027-03-10T09:00:00Z");
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAEElEQVR4nGP4z8DAwMDwHwAH9AH/7e1m5QAAAABJRU5ErkJggg==", "base64");
let t: TestDb;
let head: Actor;
let divisionId: string;
let pupils: { id: string; lastName: string; firstName: string }[];

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, NOW, { history: false }); // the lycée's 2GT history (tests/db/seed.test.ts) is not needed here
  head = await demoActor(t.db, "head", "Lycée");
  const [d] = await t.db.select({ id: divisions.id }).from(divisions).where(eq(divisions.code, "2A"));
  divisionId = d!.id;
  pupils = await t.db
    .select({ id: students.id, lastName: students.lastName, firstName: students.firstName })
    .from(students)
    .where(eq(students.divisionId, divisionId))
    .orderBy(asc(students.lastName), asc(students.firstName));

  // The first student: a family entry turned into the back-office request, an avis, an acknowledgement.
  // Request and items in one transaction: the database checks the item count at commit.
  const it1 = await t.db.transaction(async (tx) => {
    const [req] = await tx
      .insert(schoolRequests)
      .values({
        studentId: pupils[0]!.id,
        phase: "provisional",
        source: "family",
        enteredByName: "Mme Élodie Dupré",
        enteredAt: new Date("2027-02-01T10:15:00Z"),
      })
      .returning();
    const [first] = await tx
      .insert(schoolRequestItems)
      .values([
        { requestId: req!.id, rank: 1, track: "1G", specialties: ["MATHS", "PC", "SVT", "SES"] },
        { requestId: req!.id, rank: 2, track: "1T", subTrack: "STMG" },
      ])
      .returning();
    return first;
  });
  await t.db.insert(opinions).values({
    itemId: it1!.id,
    studentId: pupils[0]!.id,
    value: "reserve",
    comment: "Des efforts en mathématiques",
    enteredAt: new Date("2027-03-01T16:00:00Z"),
    enteredByName: "M. Julien Ravel",
    updatedAt: new Date("2027-03-01T16:00:00Z"),
  });
  await t.db.insert(schoolAcknowledgements).values({
    studentId: pupils[0]!.id,
    acknowledgedByName: "Mme Élodie Dupré",
    acknowledgedAt: new Date("2027-03-03T18:45:00Z"),
    receivedAt: new Date("2027-03-04T01:00:00Z"),
  });
  // The second: only a family entry received by the nightly transfer.
  await t.db.insert(schoolFamilyEntries).values({
    studentId: pupils[1]!.id,
    phase: "provisional",
    familyVersion: 1,
    enteredByName: "M. Noël Garçon",
    enteredAt: new Date("2027-02-02T07:30:00Z"),
    receivedAt: new Date("2027-02-03T01:00:00Z"),
    items: [
      { rank: 1, track: "BT_MUSIQUE", subTrack: "", freeText: null, statusSchool: false, statusApprentice: false, specialties: [], stagePasserelle: false },
    ],
  });
});
afterAll(async () => t?.drop());

describe("fiche de dialogue from the back-office (R-SCH-13)", () => {
  it("R-SCH-13: loads the division's students in name order with their requests, avis and acknowledgement", async () => {
    const ids = await findDivisionStudentIds(t.db, divisionId);
    expect(ids).toEqual(pupils.map((p) => p.id));
    const [first, second] = await loadDialogueFormInputs(t.db, ids.slice(0, 2), "2026-2027");
    expect(first!.requests[0]!.items.map((i) => i.track)).toEqual(["1G", "1T"]);
    expect(first!.opinions).toHaveLength(1);
    expect(first!.acknowledgement).toEqual({ byName: "Mme Élodie Dupré", at: new Date("2027-03-03T18:45:00Z") });
    expect(first!.school.termMode).toBe("semester");
    expect(second!.familyEntries[0]!.enteredByName).toBe("M. Noël Garçon");
  });

  it("R-SCH-13: the division PDF has one page per student, says who entered what and when, and carries the signature", async () => {
    await saveSignature(t.db, head, (await findSchoolScope(t.db, head.schoolId!))!, { image: PNG, signatoryName: "M. Bernard Faure-Dumas" }, NOW);
    const ids = await findDivisionStudentIds(t.db, divisionId);
    const pdf = await printDialogueForms(t.db, { schoolId: head.schoolId!, studentIds: ids, title: "Fiches de dialogue – 2A" }, NOW);
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(ids.length);
    const text = extractPdfText(pdf);
    expect(text).toContain(`Élève : ${pupils[0]!.lastName.toUpperCase()} ${pupils[0]!.firstName}`);
    expect(text).toContain("Premier semestre : DEMANDE(S) DES REPRÉSENTANTS LÉGAUX / Intention(s) d'orientation");
    expect(text).toContain("Saisie en ligne par Mme Élodie Dupré le 01/02/2027 à 11:15");
    // R-2GT-2: the avis names the intention in full, its ranked spécialités included (the line wraps).
    expect(text).toContain("AVIS PROVISOIRE(S) DU CONSEIL DE CLASSE\n1. 1re générale – Enseignements de spécialité : 1. Mathématiques");
    expect(text).toContain("Sciences économiques et sociales : Réservé");
    expect(text).toContain("Recommandations : Des efforts en mathématiques");
    expect(text).toContain("Accusé de réception donné par Mme Élodie Dupré le 03/03/2027 à 19:45");
    expect(text).toContain("Saisie en ligne par M. Noël Garçon le 02/02/2027 à 08:30");
    expect(text).toContain("M. Bernard Faure-Dumas");
    expect(Buffer.from(pdf).toString("latin1")).toMatch(/\/Subtype \/Image/);
  });
});
