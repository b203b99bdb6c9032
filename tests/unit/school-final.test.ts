import { describe, expect, it } from "vitest";
import {
  assertCouncilDateConfirmed,
  assertCouncilOpenForProposals,
  assertReopeningConfirmed,
  COUNCIL_TOO_CLOSE_MESSAGE,
  councilTooCloseToClosing,
  familyServiceClosingAt,
  REOPEN_TOO_SOON_MESSAGE,
  reopeningTooSoon,
} from "@/lib/domain/council";
import { DomainError } from "@/lib/domain/errors";
import {
  assertProposalDeletionConfirmed,
  mustInformFamilyOfProposals,
  planStudentProposals,
  PROPOSAL_MOTIVATION_MAX,
  type StudentProposalFacts,
} from "@/lib/domain/proposals";
import {
  describeDivisionPage,
  finalResetWarning,
  parseDivisionPhase,
  PROPOSALS_BEFORE_OPENING_TEXT,
  type DivisionStudentFacts,
} from "@/lib/domain/school-division-page";
import { describeFinalPhase, FINAL_ENTRY_LOCKED_TEXT, type FinalPhaseFacts } from "@/lib/domain/school-student-page";
import type { TrackItem } from "@/lib/domain/tracks";

const failure = (fn: () => unknown): { code: string; message: string } | "ok" => {
  try {
    fn();
    return "ok";
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, message: e.message };
    throw e;
  }
};
const codeOf = (fn: () => unknown) => {
  const r = failure(fn);
  return r === "ok" ? "ok" : r.code;
};

describe("R-FIN-4: the 24 hours around the final councils", () => {
  // The spring DST night of 2026 in Paris: 29/03 at 02:00 becomes 03:00.
  const closing = new Date("2026-03-28T19:00:00Z"); // 28/03 at 20:00, Paris (CET)

  it("R-FIN-4: the family service closes at the académie's closing, or earlier when the school closed its own service", () => {
    const window = new Date("2026-06-10T21:59:00Z");
    expect(familyServiceClosingAt(window, null)).toEqual(window);
    expect(familyServiceClosingAt(window, { closed: true, updatedAt: new Date("2026-06-05T08:00:00Z") })).toEqual(new Date("2026-06-05T08:00:00Z"));
    // Reopened by the school: the académie's closing rules again.
    expect(familyServiceClosingAt(window, { closed: false, updatedAt: new Date("2026-06-05T08:00:00Z") })).toEqual(window);
    // Closed by the school after the académie's closing: the earlier one.
    expect(familyServiceClosingAt(window, { closed: true, updatedAt: new Date("2026-06-12T08:00:00Z") })).toEqual(window);
    expect(familyServiceClosingAt(null, null)).toBeNull();
  });

  it("R-FIN-4: a council set less than 24 h after the closing warns, across the DST night 20:00 → 20:00 is only 23 h; exactly 24 h is fine", () => {
    const sameWallClockNextDay = new Date("2026-03-29T18:00:00Z"); // 29/03 at 20:00, Paris (CEST): 23 h later
    const exactly24h = new Date("2026-03-29T19:00:00Z"); // 29/03 at 21:00, Paris
    expect(councilTooCloseToClosing(sameWallClockNextDay, closing)).toBe(true);
    expect(councilTooCloseToClosing(exactly24h, closing)).toBe(false);
    expect(councilTooCloseToClosing(new Date(exactly24h.getTime() - 1), closing)).toBe(true);
    expect(councilTooCloseToClosing(new Date("2026-03-20T18:00:00Z"), closing)).toBe(true); // before the closing
    expect(councilTooCloseToClosing(sameWallClockNextDay, null)).toBe(false);
  });

  it("R-FIN-4: the council date too close needs the head's confirmation, in the guide's words", () => {
    const r = failure(() => assertCouncilDateConfirmed(new Date("2026-03-29T18:00:00Z"), closing, false));
    expect(r).toEqual({ code: "CONFIRMATION_REQUIRED", message: COUNCIL_TOO_CLOSE_MESSAGE });
    expect(COUNCIL_TOO_CLOSE_MESSAGE).toContain("les établissements doivent fermer le téléservice au moins 24h avant le début des conseils de classe");
    expect(codeOf(() => assertCouncilDateConfirmed(new Date("2026-03-29T18:00:00Z"), closing, true))).toBe("ok");
    expect(codeOf(() => assertCouncilDateConfirmed(new Date("2026-03-29T19:00:00Z"), closing, false))).toBe("ok");
  });

  it("R-FIN-4: reopening the service less than 24 h after the council's answers warns (DST night included); exactly 24 h is fine", () => {
    const answered = new Date("2026-03-28T19:00:00Z");
    expect(reopeningTooSoon(answered, new Date("2026-03-29T18:00:00Z"))).toBe(true); // 20:00 → 20:00 across the DST night
    expect(reopeningTooSoon(answered, new Date("2026-03-29T19:00:00Z"))).toBe(false);
    expect(reopeningTooSoon(null, new Date("2026-03-29T18:00:00Z"))).toBe(false);
    const r = failure(() => assertReopeningConfirmed(answered, new Date("2026-03-29T10:00:00Z"), false));
    expect(r).toEqual({ code: "CONFIRMATION_REQUIRED", message: REOPEN_TOO_SOON_MESSAGE });
    expect(REOPEN_TOO_SOON_MESSAGE).toContain(
      "une fois les réponses du conseil de classe saisies, les établissements doivent attendre 24h avant de réouvrir le téléservice",
    );
    expect(codeOf(() => assertReopeningConfirmed(answered, new Date("2026-03-29T10:00:00Z"), true))).toBe("ok");
  });
});

const facts = (over: Partial<StudentProposalFacts> = {}): StudentProposalFacts => ({
  studentId: "s1",
  outOfProcedure: false,
  choices: [
    { itemId: "i1", rank: 1, track: "2GT", subTrack: "" },
    { itemId: "i2", rank: 2, track: "2PRO", subTrack: "" },
  ],
  stored: [],
  ...over,
});
const published = new Date("2026-06-20T00:30:00Z");

describe("R-FIN-5: planning the council's proposals", () => {
  it("R-FIN-5: answers and extra voies are inserted; unchanged ones are not written again", () => {
    const changes = planStudentProposals(
      {
        studentId: "s1",
        answers: [
          { itemId: "i1", answer: "yes", motivation: "  Très bon dossier " },
          { itemId: "i2", answer: "no", motivation: "" },
        ],
        extras: [{ track: "CAP", motivation: null }],
      },
      facts(),
    );
    expect(changes).toEqual([
      {
        kind: "insert_answer",
        studentId: "s1",
        itemId: "i1",
        rank: 1,
        track: "2GT",
        subTrack: "",
        specialties: [],
        answer: "yes",
        motivation: "Très bon dossier",
      },
      { kind: "insert_answer", studentId: "s1", itemId: "i2", rank: 2, track: "2PRO", subTrack: "", specialties: [], answer: "no", motivation: null },
      { kind: "insert_extra", studentId: "s1", rank: 1, track: "CAP", subTrack: "", motivation: null },
    ]);
    const stored: StudentProposalFacts["stored"] = [
      { id: "p1", kind: "answer_to_choice", choiceItemId: "i1", track: "2GT", answer: "yes", motivation: "Très bon dossier", publishedAt: null },
      { id: "p2", kind: "answer_to_choice", choiceItemId: "i2", track: "2PRO", answer: "no", motivation: null, publishedAt: null },
      { id: "p3", kind: "extra", choiceItemId: null, track: "CAP", answer: null, motivation: null, publishedAt: null },
    ];
    expect(
      planStudentProposals(
        {
          studentId: "s1",
          answers: [
            { itemId: "i1", answer: "yes", motivation: "Très bon dossier" },
            { itemId: "i2", answer: "no", motivation: null },
          ],
          extras: [{ track: "CAP", motivation: "" }],
        },
        facts({ stored }),
      ),
    ).toEqual([]);
  });

  it("R-FIN-5 / R-SCH-9: a published proposal changed or withdrawn means the family must be informed; an unpublished one does not", () => {
    const stored: StudentProposalFacts["stored"] = [
      { id: "p1", kind: "answer_to_choice", choiceItemId: "i1", track: "2GT", answer: "yes", motivation: null, publishedAt: published },
      { id: "p3", kind: "extra", choiceItemId: null, track: "CAP", answer: null, motivation: null, publishedAt: null },
    ];
    const changed = planStudentProposals(
      {
        studentId: "s1",
        answers: [
          { itemId: "i1", answer: "no", motivation: null },
          { itemId: "i2", answer: null, motivation: null },
        ],
        extras: [{ track: "CAP", motivation: null }],
      },
      facts({ stored }),
    );
    expect(changed).toEqual([{ kind: "update", studentId: "s1", id: "p1", answer: "no", motivation: null, rank: 1, published: true }]);
    expect(mustInformFamilyOfProposals(changed)).toBe(true);
    const withdrawnExtra = planStudentProposals(
      {
        studentId: "s1",
        answers: [
          { itemId: "i1", answer: "yes", motivation: null },
          { itemId: "i2", answer: null, motivation: null },
        ],
        extras: [],
      },
      facts({ stored }),
    );
    expect(withdrawnExtra).toEqual([{ kind: "delete", studentId: "s1", id: "p3", published: false }]);
    expect(mustInformFamilyOfProposals(withdrawnExtra)).toBe(false);
  });

  it("R-FIN-5: a screen whose choices changed since it was shown is stale", () => {
    const input = (ids: string[]) => ({ studentId: "s1", answers: ids.map((itemId) => ({ itemId, answer: "yes" as const, motivation: null })), extras: [] });
    expect(codeOf(() => planStudentProposals(input(["i1"]), facts()))).toBe("STALE_SCREEN");
    expect(codeOf(() => planStudentProposals(input(["i1", "i2", "i3"]), facts()))).toBe("STALE_SCREEN");
    expect(codeOf(() => planStudentProposals(input(["i1", "other"]), facts()))).toBe("STALE_SCREEN");
    expect(codeOf(() => planStudentProposals(input(["i1", "i1"]), facts()))).toBe("STALE_SCREEN");
  });

  it("R-FIN-5 / R-SCH-12: an extra voie is a 3e voie the family did not choose, proposed once; a student hors procédure gets none", () => {
    const plan = (extras: { track: string; motivation: string | null }[], f = facts()) =>
      planStudentProposals({ studentId: "s1", answers: f.choices.map((c) => ({ itemId: c.itemId, answer: null, motivation: null })), extras }, f);
    expect(codeOf(() => plan([{ track: "2PRO", motivation: null }]))).toBe("TRACK_CHOSEN");
    expect(codeOf(() => plan([{ track: "1G", motivation: null }]))).toBe("UNKNOWN_TRACK");
    expect(
      codeOf(() =>
        plan([
          { track: "CAP", motivation: null },
          { track: "CAP", motivation: null },
        ]),
      ),
    ).toBe("TRACK_TWICE");
    expect(codeOf(() => plan([{ track: "CAP", motivation: "x".repeat(PROPOSAL_MOTIVATION_MAX + 1) }]))).toBe("MOTIVATION_TOO_LONG");
    expect(codeOf(() => plan([{ track: "CAP", motivation: null }], facts({ outOfProcedure: true })))).toBe("OUT_OF_PROCEDURE");
    expect(plan([], facts({ outOfProcedure: true }))).toEqual([]);
    expect(
      codeOf(() =>
        planStudentProposals(
          {
            studentId: "s1",
            answers: [
              { itemId: "i1", answer: null, motivation: "Pourquoi" },
              { itemId: "i2", answer: null, motivation: null },
            ],
            extras: [],
          },
          facts(),
        ),
      ),
    ).toBe("ANSWER_REQUIRED");
  });

  it("R-FIN-5 / R-SCH-6: deleting proposals (reset, change of the final choices) is confirmed first", () => {
    expect(failure(() => assertProposalDeletionConfirmed(2, false, "reset"))).toEqual({
      code: "CONFIRMATION_REQUIRED",
      message:
        "Attention : la réinitialisation du conseil de classe supprimera les 2 propositions du conseil de classe déjà saisies. Confirmez la réinitialisation.",
    });
    expect(codeOf(() => assertProposalDeletionConfirmed(1, false, "change"))).toBe("CONFIRMATION_REQUIRED");
    expect(codeOf(() => assertProposalDeletionConfirmed(2, true, "reset"))).toBe("ok");
    expect(codeOf(() => assertProposalDeletionConfirmed(0, false, "reset"))).toBe("ok");
    expect(codeOf(() => assertCouncilOpenForProposals({ state: "planned", scheduledAt: null, openedAt: null }))).toBe("COUNCIL_NOT_OPEN");
    expect(codeOf(() => assertCouncilOpenForProposals({ state: "open", scheduledAt: null, openedAt: new Date() }))).toBe("ok");
  });
});

const item = (rank: number, track: string, id: string): TrackItem & { id: string } => ({
  id,
  rank,
  track,
  subTrack: "",
  freeText: null,
  statusSchool: false,
  statusApprentice: false,
  specialties: [],
  stagePasserelle: false,
});

describe("R-SCH-3 / R-FIN-5: the division page of the final phase", () => {
  const division = { id: "d1", code: "3C", mefLabel: "3EME", level: "3e" };
  const students: DivisionStudentFacts[] = [
    {
      id: "s1",
      lastName: "Martin",
      firstName: "Léa",
      outOfProcedureReason: null,
      familyEntry: null,
      request: { items: [{ ...item(1, "2PRO", "i1"), opinion: null }] },
      proposals: [
        { kind: "answer_to_choice", choiceItemId: "i1", track: "2PRO", answer: "yes", motivation: "Projet solide" },
        { kind: "extra", choiceItemId: null, track: "CAP", answer: null, motivation: "Aussi possible" },
      ],
    },
    { id: "s2", lastName: "Hors", firstName: "Procédure", outOfProcedureReason: "Redoublement", familyEntry: null, request: null, proposals: [] },
  ];
  const open = { state: "open" as const, scheduledAt: null, openedAt: new Date("2026-06-15T08:00:00Z"), openedByName: "Chef" };

  it("R-SCH-3: `?phase=` is the provisional phase by default, the final one on demand, anything else unknown", () => {
    expect(parseDivisionPhase(undefined)).toBe("provisional");
    expect(parseDivisionPhase("final")).toBe("final");
    expect(parseDivisionPhase("definitive")).toBeNull();
    expect(parseDivisionPhase(["final", "final"])).toBeNull();
  });

  it("R-FIN-5: before the final council opens there is no proposals form; once open, one per student in the procedure", () => {
    const planned = describeDivisionPage({ division, council: null, students, canManage: true, phase: "final" });
    expect(planned.councilTitle).toBe("Conseil de classe – phase définitive");
    expect(planned.councilText).toContain("les familles peuvent saisir leurs choix définitifs");
    expect(planned.proposals).toEqual({ kind: "council_not_open", text: PROPOSALS_BEFORE_OPENING_TEXT });
    expect(planned.opinions).toEqual({ kind: "none" });
    expect(planned.phaseLinks.map((l) => [l.href, l.current])).toEqual([
      ["/etablissement/divisions/d1", false],
      ["/etablissement/divisions/d1?phase=final", true],
    ]);
    const view = describeDivisionPage({ division, council: open, students, canManage: true, phase: "final" });
    expect(view.controls!.resetWarning).toBe(finalResetWarning(2));
    expect(view.controls!.resetWarning).toBe(
      "Attention : la réinitialisation du conseil de classe supprimera les 2 propositions du conseil de classe déjà saisies.",
    );
    expect(view.proposals.kind).toBe("form");
    if (view.proposals.kind !== "form") return;
    expect(view.proposals.sheet).toHaveLength(1);
    const [s] = view.proposals.sheet;
    expect(s!.choices).toEqual([{ itemId: "i1", rank: 1, label: "2de professionnelle", answer: "yes", motivation: "Projet solide" }]);
    expect(s!.extras.map((x) => [x.track, x.proposed, x.motivation])).toEqual([
      ["2GT", false, null],
      ["CAP", true, "Aussi possible"],
    ]);
    expect(describeDivisionPage({ division, council: open, students, canManage: false, phase: "final" }).proposals).toEqual({ kind: "none" });
  });
});

describe("R-SCH-5 / R-FIN-5 / R-SCH-9: the student page's final phase", () => {
  const base: FinalPhaseFacts = {
    outOfProcedure: false,
    level: "3e",
    councilOpen: true,
    familyEntry: null,
    request: {
      source: "family",
      enteredByName: "Mme Claire Martin",
      enteredAt: new Date("2026-06-01T16:02:00Z"),
      changedBySchoolAt: new Date("2026-06-16T08:15:00Z"),
      changedBySchoolName: "Chef Stendhal",
      originalFamilyItems: [item(1, "2GT", "x")],
      items: [item(1, "2PRO", "i1")],
    },
    proposals: [
      { ...item(1, "2PRO", "p1"), kind: "answer_to_choice", choiceItemId: "i1", answer: "yes", motivation: "Projet solide" },
      { ...item(1, "CAP", "p2"), kind: "extra", choiceItemId: null, answer: null, motivation: null },
    ],
    answer: { source: "school", kind: "accept", acceptedProposalIds: ["p2"], answeredByName: "Chef Stendhal", answeredAt: new Date("2026-06-22T08:00:00Z") },
    agreements: [
      { guardianName: "M. Paul Martin", source: "family", agrees: false, answeredByName: "M. Paul Martin", answeredAt: new Date("2026-06-22T18:00:00Z") },
    ],
    familyToInform: { toInform: true, informedAt: null, informedByName: null },
  };

  it("R-FIN-5: the final choices show who entered them and the change by the school, with the council's answers and extra voies", () => {
    const v = describeFinalPhase(base, { canManage: true, allowTrackDetails: true });
    expect(v.choices!.rows).toEqual([{ id: "i1", rank: 1, label: "2de professionnelle", proposalText: "Oui", motivation: "Projet solide" }]);
    expect(v.choices!.note).toBe(
      "Saisie en ligne (TS) par Mme Claire Martin le 01/06/2026 à 18:02. Modifiée par l'établissement (Chef Stendhal) le 16/06/2026 à 10:15.",
    );
    expect(v.extras).toEqual([{ id: "p2", label: "1re année de CAP", motivation: "" }]);
    expect(v.originalEntry!.items[0]!.track).toBe("2GT");
    expect(v.answerText).toBe("La famille accepte : 1re année de CAP (réponse saisie par l'établissement (Chef Stendhal) le 22/06/2026 à 10:00).");
    expect(v.agreements).toEqual(["M. Paul Martin : pas d'accord avec la réponse (en ligne (TS) par M. Paul Martin le 22/06/2026 à 20:00)."]);
    expect(v.familyToInform).toEqual({
      text: "Famille à informer : les propositions du conseil de classe ont été modifiées après leur publication.",
      mayMarkInformed: true,
    });
    expect(v.entry!.notice).toContain("les propositions du conseil de classe déjà saisies seront supprimées");
    expect(v.entry!.form!.changesFamilyEntry).toBe(true);
  });

  it("R-SCH-5: the family's final choices are locked until the final council opens; a reader gets no form; the informed flag shows who and when", () => {
    const locked = describeFinalPhase({ ...base, councilOpen: false }, { canManage: true, allowTrackDetails: true });
    expect(locked.entry!.lockedText).toBe(FINAL_ENTRY_LOCKED_TEXT);
    expect(locked.entry!.form).toBeNull();
    const reader = describeFinalPhase(base, { canManage: false, allowTrackDetails: true });
    expect(reader.entry).toBeNull();
    expect(reader.familyToInform!.mayMarkInformed).toBe(false);
    const informed = describeFinalPhase(
      { ...base, familyToInform: { toInform: false, informedAt: new Date("2026-06-23T07:00:00Z"), informedByName: "Chef Stendhal" } },
      { canManage: true, allowTrackDetails: true },
    );
    expect(informed.familyToInform).toBeNull();
    expect(informed.informedText).toBe("Famille informée le 23/06/2026 à 09:00 par Chef Stendhal.");
    const none = describeFinalPhase({ ...base, request: null, proposals: [], answer: null, agreements: [] }, { canManage: true, allowTrackDetails: true });
    expect(none.choices).toBeNull();
    expect(none.answerText).toBe("La famille n'a pas encore répondu aux propositions du conseil de classe.");
    expect(none.entry!.heading).toBe("Saisir les choix définitifs");
  });
});
