import { expect, type Page } from "@playwright/test";

/*
 * R-SCH-3: opening a class council blocks every family of the division at once, so the page asks
 * a confirmation in a modal dialog first. The specs that open a council go through here.
 */

export const OPEN_COUNCIL_BUTTON = "Ouvrir le conseil de classe";

/** The confirmation dialog of the division page (named by its question: «Ouvrir le conseil de classe de 3C ?»). */
export function openCouncilDialog(page: Page) {
  return page.getByRole("dialog", { name: /^Ouvrir le conseil de classe .*\?$/ });
}

/** Clicks «Ouvrir le conseil de classe» and confirms in the dialog. */
export async function openCouncil(page: Page): Promise<void> {
  await page.getByRole("button", { name: OPEN_COUNCIL_BUTTON }).click();
  const dialog = openCouncilDialog(page);
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Confirmer l'ouverture" }).click();
  await expect(dialog).toBeHidden();
}
