/**
 * `npm run rules`: per rule of docs/rules.md, its status, the files that implement it and the
 * tests that name it; exits 1 when the book and the code disagree (see scripts/rules-book.ts).
 * `--summary` prints only the totals and the problems.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { checkRules, formatReport, kindOf, type SourceFile } from "./rules-book";

const root = path.resolve(import.meta.dirname, "..");
const BOOK = "docs/rules.md";

const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" })
  .split("\0")
  .filter((p) => p !== "" && kindOf(p) !== null);
const files: SourceFile[] = [];
for (const p of tracked) {
  let text: string;
  try {
    text = readFileSync(path.join(root, p), "utf8");
  } catch {
    continue; // tracked but deleted in the work tree
  }
  if (!text.includes("\0")) files.push({ path: p, text });
}

const { report, problems } = checkRules(readFileSync(path.join(root, BOOK), "utf8"), files, BOOK);
const listing = formatReport(report);
console.log(process.argv.includes("--summary") ? listing.split("\n").at(-1) : listing);
if (problems.length > 0) {
  console.error(`\n${problems.length} problem(s) with the rule book:`);
  for (const p of problems) console.error(`- ${p}`);
  process.exit(1);
}
