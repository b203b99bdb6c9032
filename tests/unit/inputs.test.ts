import { inspect } from "node:util";
import ExcelJS from "exceljs";
import { z } from "zod";
import { describe, expect, it, vi } from "vitest";
import { runAction } from "@/lib/actions/define-action";
import type { Db } from "@/lib/db/client";
import { GENERIC_ERROR_MESSAGE } from "@/lib/domain/errors";
import { calendarFormSchema, calendarWindowsOf } from "@/lib/domain/campaign-calendar";
import {
  FORBIDDEN_FILTER_MESSAGE,
  findForbiddenCharacters,
  forbiddenCharactersMessage,
  hasForbiddenCharacters,
  parseSearchParams,
  parseStrictDateTime,
  parseStrictDay,
} from "@/lib/domain/inputs";
import { fromParisInputValue } from "@/lib/domain/paris-time";
import { frenchIssueMessage } from "@/lib/domain/zod-messages";
import { signatureFileProblem, SIGNATURE_MAX_BYTES, SIGNATURE_TOO_LARGE_MESSAGE, SIGNATURE_TYPE_MESSAGE } from "@/lib/domain/school-settings";
import { buildSpecialtyPlanning, type PlanningStudentFacts } from "@/lib/domain/specialty-planning";
import { neutraliseFormula } from "@/lib/export/cells";
import { specialtyPlanningCsv, specialtyPlanningXlsx } from "@/lib/export/specialty-planning";
import { csvText } from "@/lib/export/student-list";
import { describeError, redactMessage } from "@/lib/log";
import { testActor } from "../support/actors";

/* docs/security-inputs.md: the helpers every input goes through (R-AUTH-1). */

describe("R-AUTH-1, docs/security-inputs.md: control characters", () => {
  it("a null byte or another control character is forbidden; line feed, carriage return and tab are allowed", () => {
    for (const s of ["\u0000", "Mar\u0000tin", "\u0007", "\u001b[31m", "\u007f", "\u0085", "\u000b", "\u000c"]) expect(hasForbiddenCharacters(s)).toBe(true);
    for (const s of ["Martin", "ligne 1\nligne 2\r\n\tfin", "Élodie d'Arc – « oui »", "🙂", ""]) expect(hasForbiddenCharacters(s)).toBe(false);
  });

  it("finds the first forbidden string anywhere in an input (nested values, keys, file names), or null", () => {
    expect(findForbiddenCharacters({ a: "x", b: [{ c: "ok" }, { d: "x\u0000" }] })).toBe("b.1.d");
    expect(findForbiddenCharacters({ "k\u0000": 1 })).toBe("k\u0000");
    expect(findForbiddenCharacters("\u0000")).toBe("");
    expect(findForbiddenCharacters(new File([new Uint8Array(1)], "a\u0000.png"))).toBe("");
    expect(findForbiddenCharacters({ a: "x", n: 1, b: true, z: null, l: ["y\n"] })).toBeNull();
    // Deeper than any form: refused rather than walked for ever.
    let deep: unknown = "x";
    for (let i = 0; i < 50; i++) deep = [deep];
    expect(findForbiddenCharacters(deep)).not.toBeNull();
  });

  it("the message is French and never echoes the value", () => {
    expect(forbiddenCharactersMessage()).toBe("La saisie contient des caractères non autorisés.");
    expect(FORBIDDEN_FILTER_MESSAGE).toBe("La recherche contient des caractères non autorisés.");
  });

  it("page filters: one parser for every list and export; a control character refuses the query with the French message", () => {
    expect(parseSearchParams({ nom: "  Noël ", division: ["a", "b"], vide: "", absent: undefined })).toEqual({
      ok: true,
      params: { nom: "Noël", division: "a" },
    });
    expect(parseSearchParams({ nom: "x".repeat(500) })).toEqual({ ok: true, params: { nom: "x".repeat(100) } });
    expect(parseSearchParams({ nom: "Mar\u0000tin" })).toEqual({ ok: false, message: FORBIDDEN_FILTER_MESSAGE });
    expect(parseSearchParams({ division: ["ok", "\u0007"] })).toEqual({ ok: false, message: FORBIDDEN_FILTER_MESSAGE });
    expect(parseSearchParams(new URLSearchParams("format=csv&nom=%00"))).toEqual({ ok: false, message: FORBIDDEN_FILTER_MESSAGE });
    expect(parseSearchParams(new URLSearchParams("format=csv&nom=Roche"))).toEqual({ ok: true, params: { format: "csv", nom: "Roche" } });
    expect(parseSearchParams(new URLSearchParams("x%00=1"))).toEqual({ ok: false, message: FORBIDDEN_FILTER_MESSAGE });
  });
});

describe("R-AUTH-1, docs/security-inputs.md: strict dates", () => {
  it("a day exists or is refused (never rolled over)", () => {
    expect(parseStrictDay("2026-02-28")).toEqual({ year: 2026, month: 2, day: 28 });
    expect(parseStrictDay("2028-02-29")).toEqual({ year: 2028, month: 2, day: 29 });
    for (const s of ["2026-02-30", "2026-02-29", "2026-13-45", "2026-04-31", "2026-00-10", "2026-2-3", "0000-00-00", "2026-02-28 ", "2026-02-28T10:00"]) {
      expect(parseStrictDay(s)).toBeNull();
    }
  });

  it("a date-time exists or is refused", () => {
    expect(parseStrictDateTime("2026-11-23T09:05")).toEqual({ year: 2026, month: 11, day: 23, hour: 9, minute: 5 });
    for (const s of ["2026-13-45T25:61", "2026-02-30T10:00", "2026-11-23T24:00", "2026-11-23T23:60", "2026-11-23T9:05", "2026-11-23"])
      expect(parseStrictDateTime(s)).toBeNull();
  });

  it("the datetime-local fields (council date, interview, calendar) refuse what does not exist", () => {
    expect(fromParisInputValue("2026-13-45T25:61")).toBeNull();
    expect(fromParisInputValue("2026-02-30T10:00")).toBeNull();
    expect(fromParisInputValue("2026-11-23T10:00")?.toISOString()).toBe("2026-11-23T09:00:00.000Z");
    const form = {
      schoolYear: "2026-2027",
      level: "3e" as const,
      provisionalOpensAt: "2026-02-30T10:00",
      provisionalClosesAt: "2026-13-45T25:61",
      finalOpensAt: "",
      finalClosesAt: "",
    };
    // The calendar reads a day that does not exist as a missing one: «Saisissez la date et l'heure…», never a rolled-over date.
    expect(calendarWindowsOf(calendarFormSchema.parse(form))[0]).toEqual({ phase: "provisional", opensAt: null, closesAt: null });
  });
});

describe("R-AUTH-1, docs/security-inputs.md: zod's messages are French", () => {
  it("an issue a schema gives no message for gets a plain French one", () => {
    const schema = z.object({ items: z.array(z.object({ track: z.string().max(5) })).max(2), n: z.number().max(3), kind: z.enum(["a", "b"]) });
    const messagesOf = (v: unknown) => schema.safeParse(v).error!.issues.map((i) => i.message);
    const issues = [
      ...messagesOf({ items: [null, { track: "abcdefgh" }], n: 10, kind: "c" }),
      ...messagesOf({ items: [{ track: "a" }, { track: "b" }, { track: "c" }], n: 1, kind: "a" }),
    ];
    expect(issues).toContain("Saisie invalide.");
    expect(issues).toContain("Ce texte ne peut pas dépasser 5 caractères.");
    expect(issues).toContain("Pas plus de 2 éléments.");
    expect(issues).toContain("La valeur ne peut pas dépasser 3.");
    expect(issues).toContain("Choisissez une des valeurs proposées.");
    expect(issues.join(" ")).not.toMatch(/Invalid|expected|received/);
    expect(z.string().min(1, "Message du schéma.").safeParse("").error!.issues[0]!.message).toBe("Message du schéma.");
    expect(frenchIssueMessage({ code: "too_small", origin: "string", minimum: 1 })).toBe("Ce champ est obligatoire.");
  });
});

describe("R-SCH-13, docs/security-inputs.md: the signature's size and type before sending", () => {
  it("a file over 512 Ko or of another type is refused with the French message", () => {
    expect(signatureFileProblem({ size: SIGNATURE_MAX_BYTES + 1, type: "image/png" })).toBe(SIGNATURE_TOO_LARGE_MESSAGE);
    expect(signatureFileProblem({ size: 5 * 1024 * 1024, type: "image/jpeg" })).toBe(SIGNATURE_TOO_LARGE_MESSAGE);
    expect(signatureFileProblem({ size: 1000, type: "application/pdf" })).toBe(SIGNATURE_TYPE_MESSAGE);
    expect(signatureFileProblem({ size: 0, type: "image/png" })).toBe("Choisissez un fichier image.");
    expect(signatureFileProblem({ size: SIGNATURE_MAX_BYTES, type: "image/png" })).toBeNull();
    expect(signatureFileProblem({ size: 1000, type: "" })).toBeNull();
  });
});

describe("R-SCH-10, docs/security-inputs.md: no spreadsheet cell runs as a formula", () => {
  it("a cell starting with = + - @, a tab, CR or LF (also after spaces, and their full-width forms) gets an apostrophe", () => {
    for (const s of ["=1+1", "+33", "-2", "@SUM(A1)", "\tx", "\rx", "\nx", " =1+1", "\u00a0=1", "＝1+1", "＠x"]) expect(neutraliseFormula(s)).toBe(`'${s}`);
    for (const s of ["Martin", "Da Silva", "1re générale", "", "a=b", "'déjà"]) expect(neutraliseFormula(s)).toBe(s);
    expect(neutraliseFormula(neutraliseFormula("=x"))).toBe("'=x");
  });

  it("every CSV cell is neutralised by csvText itself", () => {
    expect(csvText([['=HYPERLINK("x")', "Martin"]])).toBe('\uFEFF"\'=HYPERLINK(""x"")";"Martin"\r\n');
  });

  it("XLSX cells are neutralised like the CSV's (names included), counts stay numbers", async () => {
    const at = new Date("2027-02-10T09:30:00Z");
    const student: PlanningStudentFacts = {
      id: "s1",
      ine: "INE00000001",
      lastName: '=HYPERLINK("http://x")',
      firstName: "@cmd",
      divisionId: "d2A",
      divisionCode: "2A",
      outOfProcedure: false,
      councilOpen: false,
      request: {
        source: "school",
        enteredByName: "Mme Proviseure",
        enteredAt: at,
        changedBySchoolAt: null,
        changedBySchoolName: null,
        items: [{ rank: 1, track: "1G", specialties: ["MATHS", "PC", "SES"] }],
      },
      familyEntry: null,
    };
    const p = buildSpecialtyPlanning({ phase: "final", offered: ["MATHS", "PC", "SES"], students: [student] });
    expect(specialtyPlanningCsv(p)).toContain('"\'=HYPERLINK(""http://x"")";"\'@cmd"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await specialtyPlanningXlsx(p, "Spécialités")) as unknown as ArrayBuffer);
    const students = wb.getWorksheet("Élèves")!;
    expect(students.getCell("A2").value).toBe('\'=HYPERLINK("http://x")');
    expect(students.getCell("B2").value).toBe("'@cmd");
    const totals = wb.getWorksheet("Totaux")!;
    const numbers: unknown[] = [];
    totals.eachRow((row) => row.eachCell((c) => (typeof c.value === "number" ? numbers.push(c.value) : undefined)));
    expect(numbers.length).toBeGreaterThan(0);
  });
});

describe("R-AUTH-1, docs/security-inputs.md: the log never carries the input's values", () => {
  it("a failed query keeps its SQL but not its parameters; quoted values of a message are dropped", () => {
    const failed = new Error('Failed query: select "id" from "students" where "last_name" ilike $1\nparams: %Martin\u0000%,Léa');
    expect(redactMessage(failed.message)).toBe('Failed query: select "id" from "students" where "last_name" ilike $1');
    expect(redactMessage('invalid input syntax for type uuid: "Dupont Jean"')).toBe('invalid input syntax for type uuid: "…"');
    const pgError = Object.assign(new Error('duplicate key value violates unique constraint "accounts_email_key"'), {
      code: "23505",
      constraint: "accounts_email_key",
      detail: "Key (email)=(jean.dupont@example.fr) already exists.",
    });
    const wrapped = Object.assign(new Error("Failed query: insert into accounts (email) values ($1)\nparams: jean.dupont@example.fr"), { cause: pgError });
    const logged = JSON.stringify(describeError(wrapped));
    expect(logged).not.toContain("jean.dupont");
    expect(logged).toContain("23505");
    expect(logged).toContain("accounts_email_key");
  });
});

describe("R-AUTH-1, docs/security-inputs.md: defineAction's core", () => {
  const admin = {
    actor: testActor("admin", { accountId: "a-1", displayName: "Administrateur" }),
    sessionId: "s-1",
  };
  // The platform's scope needs no database: the policy answers from the actor alone.
  const noDb = null as unknown as Db;

  it("a control character is refused before the schema and the handler, with the French message", async () => {
    let ran = false;
    const def = {
      name: "test.chars",
      permission: "run:sync" as const,
      resource: { type: "platform" as const },
      schema: z.object({ note: z.string() }),
      handler: async () => {
        ran = true;
        return 1;
      },
    };
    const res = await runAction(def, admin, { note: "Mar\u0000tin" }, noDb, new Date());
    expect(res).toEqual({
      ok: false,
      code: "FORBIDDEN_CHARACTERS",
      message: "La saisie contient des caractères non autorisés.",
      fieldErrors: { note: ["La saisie contient des caractères non autorisés."] },
    });
    expect(ran).toBe(false);
  });

  it("an unexpected error is logged without the input's values and answered with the generic message", async () => {
    const def = {
      name: "test.unexpected",
      permission: "run:sync" as const,
      resource: { type: "platform" as const },
      schema: z.object({ email: z.string() }),
      handler: async ({ input }: { input: { email: string } }) => {
        throw Object.assign(new Error(`Failed query: insert into accounts (email) values ($1)\nparams: ${input.email}`), {
          cause: Object.assign(new Error(`duplicate key value: "${input.email}"`), { code: "23505" }),
        });
      },
    };
    const logged: unknown[][] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void logged.push(args));
    try {
      const res = await runAction(def, admin, { email: "jean.dupont@example.fr" }, noDb, new Date());
      expect(res).toEqual({ ok: false, code: "UNEXPECTED", message: GENERIC_ERROR_MESSAGE });
    } finally {
      spy.mockRestore();
    }
    expect(logged).toHaveLength(1);
    // What the console prints (util.inspect shows an error's message, stack and cause, as Node's console does).
    const text = logged.map((args) => args.map((x) => (typeof x === "string" ? x : inspect(x, { depth: 5 }))).join(" ")).join("\n");
    expect(text).toContain("test.unexpected");
    expect(text).toContain("23505");
    expect(text).not.toContain("jean.dupont");
  });
});
