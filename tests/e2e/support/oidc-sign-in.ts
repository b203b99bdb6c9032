import { expect, type Page } from "@playwright/test";

/** The local OpenID Connect provider's own login and consent pages (oidc-provider development interactions, oidc-server.ts). */
export async function signInAtProvider(page: Page, login: string): Promise<void> {
  await page.waitForURL(/\/interaction\//);
  await page.waitForLoadState("networkidle");
  const loginInput = page.locator("input[name=login]");
  await loginInput.fill(login);
  await expect(loginInput).toHaveValue(login);
  await page.locator("input[name=password]").fill("peu-importe");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.waitForLoadState("networkidle");
  const consent = page.getByRole("button", { name: "Continue" });
  if (await consent.isVisible().catch(() => false)) await consent.click();
}
