import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import pg from "pg";
import { DEMO_PASSWORD } from "@/lib/db/demo-accounts";
import { databaseUrl, mailApi } from "./ports";

/** Signs in through the real sign-in form, as a person would. */
export async function signIn(page: Page, login: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/connexion");
  await page.getByLabel("Identifiant", { exact: true }).fill(login);
  await page.getByLabel("Mot de passe", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Se connecter", exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/connexion"));
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await page.waitForURL(/\/connexion/);
}

/** RGAA / WCAG 2.1 AA automated check of the current page: no violation allowed. */
export async function expectNoA11yViolations(page: Page): Promise<void> {
  const analyse = () => new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  // After a server action, router.refresh() streams the page's metadata in its own chunk: React
  // removes the old <title> and inserts the new one when that chunk lands, which may be while
  // axe runs even though the page had its title just before. So a missing title is checked
  // again once the title is back; a title that never comes back still fails here (RGAA 8.5),
  // and every other violation fails at once.
  let results = await analyse();
  if (results.violations.some((v) => v.id === "document-title")) {
    await expect(page, `the page ${page.url()} has a title`).toHaveTitle(/\S/);
    results = await analyse();
  }
  const summary = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 3)
        .join(" | ")}`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

export type SunkEmail = { from: string; to: string[]; subject: string; text: string; html: string; date: string };

/** The e-mails the real SMTP sink received. */
export const mailbox = {
  async all(): Promise<SunkEmail[]> {
    const res = await fetch(`${mailApi}/messages`);
    return (await res.json()) as SunkEmail[];
  },
  async clear(): Promise<void> {
    await fetch(`${mailApi}/messages`, { method: "DELETE" });
  },
  /** Waits until an e-mail matching pred arrived (the outbox sender runs every 500 ms in e2e). */
  async waitFor(pred: (m: SunkEmail) => boolean, timeoutMs = 20_000): Promise<SunkEmail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = (await mailbox.all()).find(pred);
      if (found) return found;
      if (Date.now() > deadline) throw new Error("Aucun courriel attendu n'est arrivé dans le délai.");
      await new Promise((r) => setTimeout(r, 300));
    }
  },
};

/** Direct SQL on the e2e database, to check that nothing changed or to set up a precondition. */
export async function withDb<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: databaseUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A fingerprint of every table's row count, to prove a forbidden request changed nothing. */
export async function databaseFingerprint(): Promise<Record<string, number>> {
  return withDb(async (c) => {
    const tables = await c.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public' and table_name not in ('audit_log', 'auth_sessions', 'sign_in_throttles', 'oidc_identities') order by 1",
    );
    const out: Record<string, number> = {};
    for (const t of tables.rows) {
      const r = await c.query<{ n: string }>(`select count(*)::text as n from "${t.table_name}"`);
      out[t.table_name] = Number(r.rows[0]!.n);
    }
    return out;
  });
}

/** Adds one intention through the dialog (the voie whose label starts with `voie`). */
export async function addIntention(page: Page, voie: RegExp): Promise<void> {
  await page.getByRole("button", { name: "+ Ajouter une intention" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("radio", { name: voie }).check();
  await dialog.getByRole("button", { name: "Valider la sélection" }).click();
  await expect(dialog).toBeHidden();
}
