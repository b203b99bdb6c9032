import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildDemoSiecleExports, encodeIso885915 } from "@/lib/db/demo-siecle-exports";

/*
 * R-DATA-1: writes the demo schools' sample Siècle exports to demo-data/siecle/<UAI>/ (ISO-8859-15,
 * as Siècle writes them), from the demo data (lib/db/demo-siecle-exports.ts). The files are committed:
 * run `npx tsx scripts/write-demo-exports.ts` again after changing the demo data
 * (tests/unit/siecle-parse.test.ts fails while they disagree).
 */
const root = join(process.cwd(), "demo-data", "siecle");
for (const school of buildDemoSiecleExports()) {
  const dir = join(root, school.uai);
  mkdirSync(dir, { recursive: true });
  for (const file of school.files) {
    writeFileSync(join(dir, file.name), encodeIso885915(file.text));
    console.log(`${join("demo-data", "siecle", school.uai, file.name)}`);
  }
}
