import { describe, expect, it } from "vitest";
import { checkRules, findRuleIds, formatReport, kindOf, parseBook } from "@/scripts/rules-book";

// The ids of these in-memory books are built at run time: written out, they would be read by
// `npm run rules` itself as rule ids named by this test.
const rid = (area: string, n: number) => ["R", area, n].join("-");
const A1 = rid("AAA", 1);
const A2 = rid("AAA", 2);
const B1 = rid("BBB", 1);

const book = (...entries: string[]) => ["# Book", "", "## 1. Section", "", ...entries, "", "## Glossary", ""].join("\n");
const entry = (id: string, status: string, text = "What the rule asks.") => `### ${id} — A title · ${status}\n${text}\n`;
const GOOD = book(entry(A1, "built"), entry(A2, "planned"));

describe("the rule book (docs/rules.md, npm run rules)", () => {
  it("finds word-bounded rule ids, each once", () => {
    expect(findRuleIds(`${A1} and ${A1}/2, (${B1}), X${A2}Y, ${A2}0`)).toEqual([A1, B1, `${A2}0`]);
  });

  it("scans the product's folders as code and tests/ as tests, nothing else", () => {
    expect(kindOf("lib/domain/x.ts")).toBe("code");
    expect(kindOf("app/(school)/page.tsx")).toBe("code");
    expect(kindOf("scripts/test.sh")).toBe("code");
    expect(kindOf("tests/e2e/a.spec.ts")).toBe("test");
    expect(kindOf("docs/rules.md")).toBeNull();
    expect(kindOf("library/x.ts")).toBeNull();
  });

  it("parses each entry's id, title, status and line", () => {
    const { rules, problems } = parseBook(GOOD);
    expect(problems).toEqual([]);
    expect(rules).toEqual([
      { id: A1, title: "A title", status: "built", line: 5 },
      { id: A2, title: "A title", status: "planned", line: 8 },
    ]);
  });

  it("passes when every id used is in the book and every built rule is named by a test", () => {
    const { report, problems } = checkRules(GOOD, [
      { path: "lib/a.ts", text: `// ${A1}` },
      { path: "tests/unit/a.test.ts", text: `it("${A1}: …")` },
      { path: "docs/sync.md", text: `${B1} is ignored here` },
    ]);
    expect(problems).toEqual([]);
    expect(report).toEqual([
      { id: A1, title: "A title", status: "built", implementedIn: ["lib/a.ts"], namedByTests: ["tests/unit/a.test.ts"] },
      { id: A2, title: "A title", status: "planned", implementedIn: [], namedByTests: [] },
    ]);
    expect(formatReport(report)).toContain("2 rules: 1 built, 1 planned.");
  });

  it("fails when code or tests name an id the book does not have", () => {
    const { problems } = checkRules(GOOD, [
      { path: "tests/unit/a.test.ts", text: `${A1} ${B1}` },
      { path: "jobs/x.ts", text: B1 },
    ]);
    expect(problems).toEqual([`${B1} is named in jobs/x.ts, tests/unit/a.test.ts but is not in docs/rules.md: add it to the book (or fix the id).`]);
  });

  it("fails when a built rule is named by no test (code alone does not count)", () => {
    const { problems } = checkRules(GOOD, [{ path: "lib/a.ts", text: A1 }]);
    expect(problems).toEqual([`${A1} is marked built in docs/rules.md but no test names it: name it in the test that proves it.`]);
  });

  it("fails on a malformed heading: wrong status, missing title or separator, bad id", () => {
    for (const heading of [
      `### ${A1} — A title · done`,
      `### ${A1} · built`,
      `### ${A1} - A title · built`,
      `### ${A1} — A title`,
      "### R-aaa-1 — A title · built",
    ]) {
      const { rules, problems } = parseBook(book(entry(A2, "planned"), `${heading}\nText.\n`));
      expect(rules.map((r) => r.id)).toEqual([A2]);
      expect(problems).toEqual([`docs/rules.md:8: malformed rule heading «${heading}»: expected \`### <id> — <title> · built\` or \`· planned\`.`]);
    }
  });

  it("fails on an entry without text", () => {
    const { problems } = parseBook(book(entry(A1, "planned", ""), entry(A2, "planned")));
    expect(problems).toEqual([`docs/rules.md:5: ${A1} has no text: say what the rule asks under its heading.`]);
  });

  it("fails on a duplicate entry, keeping the first", () => {
    const { rules, problems } = parseBook(book(entry(A1, "built"), entry(A1, "planned")));
    expect(rules).toEqual([{ id: A1, title: "A title", status: "built", line: 5 }]);
    expect(problems).toEqual([`docs/rules.md:8: ${A1} appears twice (first at line 5).`]);
  });
});
