import { expect, type Locator, type Page } from "@playwright/test";

/* The keyboard only: what a person who cannot use a mouse does (RGAA, WCAG 2.1.1). */

/** Focus, then Enter (buttons, links). */
export async function press(page: Page, l: Locator) {
  await l.focus();
  await page.keyboard.press("Enter");
}

/** Focus, then Space (radios, checkboxes). */
export async function tick(page: Page, l: Locator) {
  await l.focus();
  await page.keyboard.press("Space");
}

/** A native select, operated with the arrow keys until it shows `value`. */
export async function chooseWithArrows(page: Page, l: Locator, value: string) {
  await l.focus();
  for (let i = 0; i < 20 && (await l.inputValue()) !== value; i++) await page.keyboard.press("ArrowDown");
  await expect(l).toHaveValue(value);
}
