/**
 * The rule book's checks (docs/rules.md, `npm run rules`), as pure functions of texts: no file
 * system, no git. scripts/rules.ts feeds them the book and the tracked files.
 *
 * Book format: every `### ` heading is one rule, `### <id> — <title> · built|planned`, followed by
 * at least one line of text.
 */

export type RuleStatus = "built" | "planned";
export type RuleEntry = { id: string; title: string; status: RuleStatus; line: number };
export type SourceKind = "code" | "test";
export type SourceFile = { path: string; text: string };
export type RuleReport = { id: string; title: string; status: RuleStatus; implementedIn: string[]; namedByTests: string[] };

/** A rule id, word-bounded: `R-` then an area (capitals or digits) then a number. */
export const RULE_ID_PATTERN = /\bR-[A-Z0-9]+-[0-9]+\b/g;

const HEADING = /^### (R-[A-Z0-9]+-[0-9]+) — (\S.*?) · (built|planned)$/;
const EXPECTED = "expected `### <id> — <title> · built` or `· planned`";

/** The distinct rule ids a text names, in order of first appearance. */
export function findRuleIds(text: string): string[] {
  return [...new Set(text.match(RULE_ID_PATTERN) ?? [])];
}

/**
 * Which side a tracked file is on: tests/** names rules, the product's source folders implement
 * them; anything else (docs, configuration) is not scanned.
 */
export function kindOf(path: string): SourceKind | null {
  if (path.startsWith("tests/")) return "test";
  if (/^(app|components|lib|jobs|emails|scripts|bench)\//.test(path)) return "code";
  return null;
}

/** Parses the book; every malformed or duplicate entry is one problem. */
export function parseBook(text: string, bookPath = "docs/rules.md"): { rules: RuleEntry[]; problems: string[] } {
  const lines = text.split(/\r?\n/);
  const rules: RuleEntry[] = [];
  const problems: string[] = [];
  const firstLine = new Map<string, number>();
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (!raw.startsWith("### ")) return;
    const m = HEADING.exec(raw.trimEnd());
    if (!m) {
      problems.push(`${bookPath}:${line}: malformed rule heading «${raw}»: ${EXPECTED}.`);
      return;
    }
    const [, id, title, status] = m as unknown as [string, string, string, RuleStatus];
    const seen = firstLine.get(id);
    if (seen !== undefined) {
      problems.push(`${bookPath}:${line}: ${id} appears twice (first at line ${seen}).`);
      return;
    }
    firstLine.set(id, line);
    let body = "";
    for (let j = index + 1; j < lines.length && !lines[j]!.startsWith("#"); j++) body += lines[j]!.trim();
    if (body === "") {
      problems.push(`${bookPath}:${line}: ${id} has no text: say what the rule asks under its heading.`);
      return;
    }
    rules.push({ id, title, status, line });
  });
  return { rules, problems };
}

/** Joins the book with the files that name each rule and lists every problem. */
export function checkRules(bookText: string, files: readonly SourceFile[], bookPath = "docs/rules.md"): { report: RuleReport[]; problems: string[] } {
  const { rules, problems } = parseBook(bookText, bookPath);
  const code = new Map<string, string[]>();
  const tests = new Map<string, string[]>();
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const kind = kindOf(file.path);
    if (!kind) continue;
    const index = kind === "test" ? tests : code;
    for (const id of findRuleIds(file.text)) index.set(id, [...(index.get(id) ?? []), file.path]);
  }

  const inBook = new Set(rules.map((r) => r.id));
  const unknown = [...new Set([...code.keys(), ...tests.keys()])].filter((id) => !inBook.has(id)).sort();
  for (const id of unknown) {
    const where = [...(code.get(id) ?? []), ...(tests.get(id) ?? [])];
    problems.push(`${id} is named in ${where.join(", ")} but is not in ${bookPath}: add it to the book (or fix the id).`);
  }

  const report = rules.map((r) => ({ id: r.id, title: r.title, status: r.status, implementedIn: code.get(r.id) ?? [], namedByTests: tests.get(r.id) ?? [] }));
  for (const r of report) {
    if (r.status === "built" && r.namedByTests.length === 0) {
      problems.push(`${r.id} is marked built in ${bookPath} but no test names it: name it in the test that proves it.`);
    }
  }
  return { report, problems };
}

/** The printed listing: one block per rule, then the totals. */
export function formatReport(report: readonly RuleReport[]): string {
  const width = Math.max(0, ...report.map((r) => r.id.length));
  const list = (paths: readonly string[]) => (paths.length === 0 ? "—" : paths.join(", "));
  const out: string[] = [];
  for (const r of report) {
    out.push(`${r.id.padEnd(width)}  ${r.status.padEnd(7)}  ${r.title}`);
    if (r.implementedIn.length > 0 || r.status === "built") out.push(`${"".padEnd(width)}  code:  ${list(r.implementedIn)}`);
    if (r.namedByTests.length > 0 || r.status === "built") out.push(`${"".padEnd(width)}  tests: ${list(r.namedByTests)}`);
  }
  const built = report.filter((r) => r.status === "built").length;
  out.push("", `${report.length} rules: ${built} built, ${report.length - built} planned.`);
  return out.join("\n");
}
