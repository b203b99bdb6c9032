import { expect, test } from "@playwright/test";
import { hashPassword } from "@/lib/auth/password";
import { uaiCheckLetter } from "@/lib/domain/account-admin";
import { expectNoA11yViolations, signIn, withDb } from "./support/fixtures";

/*
 * R-DATA-1: a head imports their school's Siècle exports through the browser: the élèves and
 * responsables files, the preview with its counts, the confirmation, the new students in the
 * student list. A school and head of its own (created in beforeAll, removed in afterAll): the
 * demo's schools are not touched. The guardians' e-mails are this spec's own, so no demo guardian
 * is matched.
 */
const UAI = `0389951${uaiCheckLetter("0389951")}`;
const HEAD = { login: "chef.import.essai", name: "Hélène Import", password: "une phrase de passe pour l'import" };
let schoolId = "";
let year = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  const hash = await hashPassword(HEAD.password);
  await withDb(async (c) => {
    const s = await c.query<{ id: string; school_year: string }>(
      `insert into schools (uai, academy_id, name, address, postal_code, city, phone, email)
       values ($1, 'grenoble', 'Collège de l''Import', '1 rue de l''Import', '38000', 'Grenoble', '04 76 00 00 00', 'ce.import@exemple.fr') returning id, school_year`,
      [UAI],
    );
    schoolId = s.rows[0]!.id;
    year = s.rows[0]!.school_year;
    await c.query("insert into accounts (role, display_name, login, password_hash, school_id) values ('head', $1, $2, $3, $4)", [
      HEAD.name,
      HEAD.login,
      hash,
      schoolId,
    ]);
  });
});

test.afterAll(async () => {
  await withDb(async (c) => {
    await c.query("delete from guardians where id in (select guardian_id from guardian_siecle_ids where school_id = $1)", [schoolId]);
    await c.query("delete from students where school_id = $1", [schoolId]);
    await c.query("delete from accounts where school_id = $1", [schoolId]);
    await c.query("delete from schools where id = $1", [schoolId]);
  });
});

const params = () =>
  `<PARAMETRES><UAJ>${UAI}</UAJ><ANNEE_SCOLAIRE>${year.slice(0, 4)}</ANNEE_SCOLAIRE><DATE_EXPORT>01/09/${year.slice(0, 4)}</DATE_EXPORT></PARAMETRES>`;
const STUDENTS = [
  { id: "9001", ine: "0389951001A", last: "Importé", first: "Léa", division: "3A" },
  { id: "9002", ine: "0389951002B", last: "Nouveau", first: "Noé", division: "3A" },
  { id: "9003", ine: "0389951003C", last: "Arrivé", first: "Inès", division: "3B" },
];
function elevesXml(): Buffer {
  const eleves = STUDENTS.map(
    (s) =>
      `<ELEVE ELEVE_ID="${s.id}"><ID_NATIONAL>${s.ine}</ID_NATIONAL><NOM_DE_FAMILLE>${s.last}</NOM_DE_FAMILLE><PRENOM>${s.first}</PRENOM><DATE_NAISS>01/02/2012</DATE_NAISS><CODE_SEXE>2</CODE_SEXE><CODE_MEF>10310019110</CODE_MEF><DATE_ENTREE>01/09/2023</DATE_ENTREE></ELEVE>`,
  ).join("\n");
  const structures = STUDENTS.map(
    (s) =>
      `<STRUCTURES_ELEVE ELEVE_ID="${s.id}"><STRUCTURE><CODE_STRUCTURE>${s.division}</CODE_STRUCTURE><TYPE_STRUCTURE>D</TYPE_STRUCTURE></STRUCTURE></STRUCTURES_ELEVE>`,
  ).join("\n");
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<BEE_ELEVES VERSION="3.4">\n${params()}\n<DONNEES>\n<ELEVES>\n${eleves}\n</ELEVES>\n<STRUCTURES>\n${structures}\n</STRUCTURES>\n</DONNEES>\n</BEE_ELEVES>\n`,
  );
}
function responsablesXml(links: { student: string; person: string; legal: number }[]): Buffer {
  const people = [
    { id: "8001", civ: "MME", last: "Importé", first: "Claire", mail: "claire.importe@import-essai.example" },
    { id: "8002", civ: "M.", last: "Importé", first: "Marc", mail: "marc.importe@import-essai.example" },
    { id: "8003", civ: "MME", last: "Nouveau", first: "Anne", mail: "anne.nouveau@import-essai.example" },
    { id: "8004", civ: "M.", last: "Arrivé", first: "Luc", mail: "luc.arrive@import-essai.example" },
  ]
    .map(
      (p) =>
        `<PERSONNE PERSONNE_ID="${p.id}"><LC_CIVILITE>${p.civ}</LC_CIVILITE><NOM_DE_FAMILLE>${p.last}</NOM_DE_FAMILLE><PRENOM>${p.first}</PRENOM><MEL>${p.mail}</MEL></PERSONNE>`,
    )
    .join("\n");
  const resp = links
    .map(
      (l) =>
        `<RESPONSABLE_ELEVE>\n<ELEVE_ID>${l.student}</ELEVE_ID>\n<PERSONNE_ID>${l.person}</PERSONNE_ID>\n<RESP_LEGAL>${l.legal}</RESP_LEGAL>\n</RESPONSABLE_ELEVE>`,
    )
    .join("\n");
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<BEE_RESPONSABLES VERSION="3.4">\n${params()}\n<DONNEES>\n<PERSONNES>\n${people}\n</PERSONNES>\n<RESPONSABLES>\n${resp}\n</RESPONSABLES>\n</DONNEES>\n</BEE_RESPONSABLES>\n`,
  );
}
const LINKS = [
  { student: "9001", person: "8001", legal: 1 },
  { student: "9001", person: "8002", legal: 2 },
  { student: "9002", person: "8003", legal: 1 },
  { student: "9003", person: "8004", legal: 1 },
  { student: "9003", person: "8001", legal: 0 },
];

test("R-DATA-1: a link to a student in neither the file nor the school is refused with its file and line, and nothing is imported", async ({ page }) => {
  await signIn(page, HEAD.login, HEAD.password);
  await page.getByRole("link", { name: "Import des données Siècle" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import des données Siècle" })).toBeVisible();
  await page
    .getByLabel(/Exports Siècle/)
    .setInputFiles([
      { name: "ResponsablesAvecAdresses.xml", mimeType: "application/xml", buffer: responsablesXml([{ student: "9999", person: "8001", legal: 1 }]) },
    ]);
  await page.getByRole("button", { name: "Envoyer et afficher l'aperçu" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "Les fichiers n'ont pas été importés" });
  await expect(alert).toBeFocused();
  await expect(alert).toContainText(/ResponsablesAvecAdresses\.xml, ligne \d+/);
  await expect(alert).toContainText("élève inconnu");
  const n = await withDb((c) => c.query<{ n: number }>("select count(*)::int as n from siecle_imports where school_id = $1", [schoolId]));
  expect(n.rows[0]!.n).toBe(0);
});

test("R-DATA-1: the head uploads the élèves and responsables exports, reads the preview, confirms, and finds the new students in the list", async ({
  page,
}) => {
  await signIn(page, HEAD.login, HEAD.password);
  await page.goto("/etablissement/import");
  await page.getByLabel(/Exports Siècle/).setInputFiles([
    { name: "ElevesSansAdresses.xml", mimeType: "application/xml", buffer: elevesXml() },
    { name: "ResponsablesAvecAdresses.xml", mimeType: "application/xml", buffer: responsablesXml(LINKS) },
  ]);
  await page.getByRole("button", { name: "Envoyer et afficher l'aperçu" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Aperçu de l'import" })).toBeVisible();
  const counts = page.getByRole("table", { name: "Ce que l'import fera" });
  await expect(counts.getByRole("row", { name: /Divisions ajoutées/ })).toContainText("2");
  await expect(counts.getByRole("row", { name: /^Élèves ajoutés/ })).toContainText("3");
  await expect(counts.getByRole("row", { name: /^Représentants légaux ajoutés/ })).toContainText("4");
  await expect(counts.getByRole("row", { name: /Autres contacts ignorés/ })).toContainText("1");
  await expect(page.getByRole("table", { name: /Élèves ajoutés/ })).toContainText("Importé Léa");
  await expectNoA11yViolations(page);

  await page.getByRole("button", { name: "Confirmer l'import" }).click();
  await expect(page.getByRole("status")).toContainText("L'import est appliqué.");
  await expect(page.getByRole("heading", { level: 2, name: "Import appliqué" })).toBeVisible();
  await expect(page.getByRole("table", { name: /Imports des données Siècle/ })).toContainText("Appliqué");
  await page.getByRole("link", { name: "Voir la liste des élèves" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Liste des élèves" })).toBeVisible();
  for (const s of STUDENTS) await expect(page.getByText(new RegExp(`${s.last.toUpperCase()}|${s.last}`)).first()).toBeVisible();
});

test("R-DATA-1: an upload over 25 MB is refused with a French message, one from another origin is refused, and nothing is stored", async ({
  page,
  baseURL,
}) => {
  await signIn(page, HEAD.login, HEAD.password);
  const big = await page.request.post("/etablissement/import/fichiers", {
    headers: { origin: new URL(baseURL!).origin },
    multipart: { files: { name: "ElevesSansAdresses.xml", mimeType: "application/xml", buffer: Buffer.alloc(26 * 1024 * 1024, 0x20) } },
  });
  expect(big.status()).toBe(413);
  expect(await big.json()).toEqual({ ok: false, errors: [expect.objectContaining({ message: expect.stringContaining("dépassent 25 Mo") })] });
  const foreign = await page.request.post("/etablissement/import/fichiers", {
    headers: { origin: "https://attaquant.example" },
    multipart: { files: { name: "ElevesSansAdresses.xml", mimeType: "application/xml", buffer: elevesXml() } },
  });
  expect(foreign.status()).toBe(403);
  const n = await withDb((c) =>
    c.query<{ n: number }>("select count(*)::int as n from siecle_imports where school_id = $1 and state = 'previewed'", [schoolId]),
  );
  expect(n.rows[0]!.n).toBe(0);
});
