import { expect, test, type Page } from "@playwright/test";
import { ACCOUNT_WELCOME_SUBJECT } from "@/emails/account-welcome";
import { GUARDIAN_EMAIL_CHANGED_SUBJECT } from "@/emails/guardian-email-changed";
import { uaiCheckLetter } from "@/lib/domain/account-admin";
import { expectNoA11yViolations, mailbox, signIn, signOut, withDb } from "./support/fixtures";

/*
 * R-DATA-2: account management, end to end. The administrator creates an académie, a school and
 * its head (data of its own: the demo's académie and schools are not touched); the head's welcome
 * e-mail reaches the SMTP sink, its one-time link sets the password, the head signs in, creates a
 * homeroom teacher and gives them a division. Then the collège's head corrects a guardian's
 * e-mail (division 3D; put back in afterAll) and the guardian is told at both addresses.
 */
const ACADEMY = { code: "essai-comptes", name: "Essai des comptes", sender: "orientation@ac-essai.fr" };
const UAI = `0739901${uaiCheckLetter("0739901")}`;
const HEAD = { name: "Hélène Essai", login: "chef.essai", email: "helene.essai@ac-essai.fr" };
const HOMEROOM = { name: "Paul Principal", login: "pp.essai", email: "paul.principal@ac-essai.fr" };
const PASSWORD = "une phrase de passe pour l'essai";
const NEW_GUARDIAN_EMAIL = "adresse.corrigee@example.fr";

let guardian: { id: string; studentId: string; email: string; accountEmail: string | null } | null = null;

const region = (page: Page, name: string) => page.getByRole("region", { name });

test.describe.configure({ mode: "serial" });

test.afterAll(async () => {
  const g = guardian;
  await withDb(async (c) => {
    if (g) {
      await c.query("update guardians set email = $2 where id = $1", [g.id, g.email]);
      await c.query("update accounts set email = $2 where guardian_id = $1", [g.id, g.accountEmail]);
    }
    // The académie, school and accounts created here leave with it (the later specs see the demo as it was).
    await c.query("delete from accounts where academy_id = $1 or school_id in (select id from schools where academy_id = $1)", [ACADEMY.code]);
    await c.query("delete from schools where academy_id = $1", [ACADEMY.code]);
    await c.query("delete from academies where id = $1", [ACADEMY.code]);
  });
});

test("R-DATA-2: the admin creates an académie, a school and its head; the head sets a password from the welcome link and signs in", async ({ page }) => {
  await mailbox.clear();
  await signIn(page, "admin");
  await page.getByRole("link", { name: "Académies et SAIO" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Académies et comptes SAIO" })).toBeVisible();
  const newAcademy = region(page, "Créer une académie");
  // A bad code is refused in French, next to its field.
  await newAcademy.getByLabel("Code de l'académie").fill("Essai Comptes");
  await newAcademy.getByLabel("Nom de l'académie").fill(ACADEMY.name);
  await newAcademy.getByLabel("Adresse d'expédition des courriels").fill(ACADEMY.sender);
  await newAcademy.getByRole("button", { name: "Créer l'académie" }).click();
  await expect(newAcademy.getByText(/s'écrit en lettres minuscules/)).toBeVisible();
  await newAcademy.getByLabel("Code de l'académie").fill(ACADEMY.code);
  await newAcademy.getByRole("button", { name: "Créer l'académie" }).click();
  await expect(newAcademy.getByRole("status")).toHaveText("L'académie est créée.");
  await expect(page.getByText(`(code ${ACADEMY.code}`)).toBeVisible();
  await expectNoA11yViolations(page);

  await page.getByRole("link", { name: "Établissements et chefs" }).click();
  const newSchool = region(page, "Créer un établissement");
  await newSchool.getByLabel("Code UAI").fill(UAI.slice(0, 7) + (UAI[7] === "A" ? "B" : "A"));
  await newSchool.getByLabel("Nom de l'établissement").fill("Collège de l'Essai");
  await newSchool.getByLabel("Adresse", { exact: true }).fill("1 place de l'Essai");
  await newSchool.getByLabel("Code postal").fill("73000");
  await newSchool.getByLabel("Commune").fill("Chambéry");
  await newSchool.getByLabel("Téléphone").fill("04 79 00 00 00");
  await newSchool.getByLabel("Adresse électronique de l'établissement").fill("ce.essai@ac-essai.fr");
  await newSchool.getByLabel("Académie").selectOption({ label: ACADEMY.name });
  await newSchool.getByRole("button", { name: "Créer l'établissement" }).click();
  await expect(newSchool.getByText(/sa lettre clé ne correspond pas/)).toBeVisible();
  await newSchool.getByLabel("Code UAI").fill(UAI);
  await newSchool.getByRole("button", { name: "Créer l'établissement" }).click();
  await expect(newSchool.getByRole("status")).toHaveText("L'établissement est créé.");

  const newHead = region(page, "Créer un compte de chef d'établissement");
  await newHead.getByLabel("Établissement").selectOption({ label: `Collège de l'Essai (${UAI})` });
  await newHead.getByLabel("Prénom et nom").fill(HEAD.name);
  await newHead.getByLabel("Civilité (facultatif)").selectOption({ label: "Mme" });
  await newHead.getByLabel("Adresse électronique", { exact: true }).fill(HEAD.email);
  await newHead.getByLabel("Identifiant").fill(HEAD.login);
  await newHead.getByRole("button", { name: "Créer le compte du chef d'établissement" }).click();
  await expect(newHead.getByRole("status")).toContainText("Le compte est créé");
  await expect(page.getByText(`${HEAD.name} (${HEAD.login}, ${HEAD.email})`)).toBeVisible();
  await expectNoA11yViolations(page);
  await signOut(page);

  const welcome = await mailbox.waitFor((m) => m.to.includes(HEAD.email) && m.subject === ACCOUNT_WELCOME_SUBJECT);
  expect(welcome.text).toContain("Madame,");
  expect(welcome.text).toContain(`Votre identifiant : ${HEAD.login}`);
  const link = /(https?:\/\/\S+\/compte\/definir-mot-de-passe\?jeton=[A-Za-z0-9_-]{43})/.exec(welcome.text)![1]!;

  // An unknown link says so.
  await page.goto("/compte/definir-mot-de-passe?jeton=inconnu");
  await expect(page.getByText(/Ce lien n'est pas valide/)).toBeVisible();

  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Choisir votre mot de passe" })).toBeVisible();
  // The token is in the address: the page sends no Referer anywhere.
  await expect(page.locator('meta[name="referrer"]')).toHaveAttribute("content", "no-referrer");
  await expectNoA11yViolations(page);
  await page.getByLabel("Nouveau mot de passe", { exact: true }).fill("trop court");
  await page.getByLabel("Confirmation du nouveau mot de passe").fill("trop court");
  await page.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
  await expect(page.getByText("Le nouveau mot de passe doit compter au moins 12 caractères.")).toBeVisible();
  await page.getByLabel("Nouveau mot de passe", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Confirmation du nouveau mot de passe").fill(PASSWORD);
  await page.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
  await expect(page.getByRole("status")).toContainText("Votre mot de passe est enregistré.");
  // The link works once.
  await page.goto(link);
  await expect(page.getByText(/Ce lien a déjà été utilisé/)).toBeVisible();

  await signIn(page, HEAD.login, PASSWORD);
  await expect(page).toHaveURL(/\/etablissement/);
});

test("R-DATA-2: the new head creates a homeroom teacher, who gets a welcome e-mail, and gives them a division", async ({ page }) => {
  // Precondition: the new school's one division of its open year (the Siècle import is not this spec's).
  await withDb((c) =>
    c.query(
      "insert into divisions (school_id, code, level, mef_code, mef_label) select id, '3E', '3e', '10310019110', '3EME' from schools where uai = $1 on conflict do nothing",
      [UAI],
    ),
  );
  await signIn(page, HEAD.login, PASSWORD);
  await page.getByRole("link", { name: "Professeurs principaux" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Professeurs principaux" })).toBeVisible();
  const form = region(page, "Créer le compte d'un professeur principal");
  await form.getByLabel("Prénom et nom").fill(HOMEROOM.name);
  await form.getByLabel("Adresse électronique").fill(HOMEROOM.email);
  await form.getByLabel("Identifiant").fill(HEAD.login); // taken
  await form.getByRole("button", { name: "Créer le compte" }).click();
  await expect(form.getByRole("alert")).toContainText(`Un compte d'identifiant « ${HEAD.login} » existe déjà`);
  await form.getByLabel("Identifiant").fill(HOMEROOM.login);
  await form.getByRole("button", { name: "Créer le compte" }).click();
  await expect(form.getByRole("status")).toContainText("Le compte est créé");
  await mailbox.waitFor((m) => m.to.includes(HOMEROOM.email) && m.subject === ACCOUNT_WELCOME_SUBJECT);

  await page.getByRole("checkbox", { name: `3E – ${HOMEROOM.name}` }).check();
  await expect(page.getByText(`Division 3E attribuée à ${HOMEROOM.name}.`)).toBeVisible();
  await expect(page.getByRole("checkbox", { name: `3E – ${HOMEROOM.name}` })).toBeChecked();
  await expectNoA11yViolations(page);
  const rows = await withDb((c) =>
    c.query("select d.code from homeroom_divisions hd join accounts a on a.id = hd.account_id join divisions d on d.id = hd.division_id where a.login = $1", [
      HOMEROOM.login,
    ]),
  );
  expect(rows.rows).toEqual([{ code: "3E" }]);
});

test("R-DATA-2: the head corrects a guardian's e-mail; the guardian is told at the former and at the new address", async ({ page }) => {
  guardian = await withDb(async (c) => {
    const r = await c.query<{ id: string; student_id: string; email: string; account_email: string | null }>(
      `select g.id, sg.student_id, g.email, a.email as account_email from guardians g
         join student_guardians sg on sg.guardian_id = g.id join students s on s.id = sg.student_id join divisions d on d.id = s.division_id
         left join accounts a on a.guardian_id = g.id
        where d.code = '3D' and g.email is not null and sg.rank = 1 order by s.last_name limit 1`,
    );
    const row = r.rows[0]!;
    return { id: row.id, studentId: row.student_id, email: row.email, accountEmail: row.account_email };
  });
  await mailbox.clear();
  await signIn(page, "chef.stendhal");
  await page.goto(`/etablissement/eleves/${guardian.studentId}`);
  await page.getByRole("link", { name: "Compléter les adresses mail des représentants légaux" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Compléter les adresses mail" })).toBeVisible();
  const section = page.getByRole("region", { name: /Représentant légal 1/ });
  await section.getByLabel("Nouvelle adresse électronique").fill("pas-une-adresse");
  await section.getByRole("button", { name: "Enregistrer l'adresse" }).click();
  await expect(section.getByText(/La nouvelle adresse électronique n'est pas valide/)).toBeVisible();
  await section.getByLabel("Nouvelle adresse électronique").fill(NEW_GUARDIAN_EMAIL);
  await section.getByRole("button", { name: "Enregistrer l'adresse" }).click();
  await expect(section.getByRole("status")).toContainText("L'adresse est enregistrée");
  await expect(section.getByText(`Adresse actuelle : ${NEW_GUARDIAN_EMAIL}`)).toBeVisible();
  await expectNoA11yViolations(page);

  const toOld = await mailbox.waitFor((m) => m.to.includes(guardian!.email) && m.subject === GUARDIAN_EMAIL_CHANGED_SUBJECT);
  const toNew = await mailbox.waitFor((m) => m.to.includes(NEW_GUARDIAN_EMAIL) && m.subject === GUARDIAN_EMAIL_CHANGED_SUBJECT);
  expect(toOld.text).toContain(`${guardian.email} par ${NEW_GUARDIAN_EMAIL}`);
  expect(toNew.text).toContain("désormais envoyés à cette adresse");
  const audit = await withDb((c) =>
    c.query<{ details: string }>("select details from audit_log where action = 'guardian.email_changed' and entity_id = $1 order by id desc limit 1", [
      guardian!.id,
    ]),
  );
  expect(JSON.parse(audit.rows[0]!.details)).toMatchObject({ oldEmail: guardian.email, newEmail: NEW_GUARDIAN_EMAIL });
});
