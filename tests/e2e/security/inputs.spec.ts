import { expect, test } from "@playwright/test";
import { signIn, withDb } from "../support/fixtures";

/*
 * docs/security-inputs.md (R-AUTH-1): a null byte in a list's filter or an export's query string
 * gets the French message, never a 500; an oversized signature image gets the French message,
 * never the error screen. Read-only: the collège's head and the 2C homeroom teacher, nothing saved.
 */

const MESSAGE = "La recherche contient des caractères non autorisés.";

test.describe("docs/security-inputs.md: control characters in page filters", () => {
  test("R-AUTH-1: a null byte in the student list's filter shows the French message, not a 500", async ({ page }) => {
    await signIn(page, "pp.2c");
    const response = await page.goto("/etablissement/eleves?nom=Mar%00tin&phase=final");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("alert").filter({ hasText: MESSAGE })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: "Liste des élèves" })).toBeVisible();
  });

  test("R-AUTH-1: a null byte in an export's query string answers 400 with the French message", async ({ page }) => {
    await signIn(page, "pp.2c");
    for (const url of [
      "/etablissement/export?format=csv&nom=%00",
      "/etablissement/export?format=xlsx&prenom=a%07b",
      "/etablissement/specialites/export?format=csv&division=%00",
    ]) {
      const res = await page.request.get(url);
      expect(res.status(), url).toBe(400);
      expect(await res.text(), url).toBe(MESSAGE);
    }
    // The same exports without the control character still work.
    const ok = await page.request.get("/etablissement/export?format=csv&nom=Martin");
    expect(ok.status()).toBe(200);
  });
});

test.describe("docs/security-inputs.md: the signature image's limit", () => {
  test("R-SCH-13: an image over 1 Mo gets the French message on the page, not the error screen; nothing is saved", async ({ page }) => {
    const count = () =>
      withDb(async (c) => (await c.query<{ n: number }>("select count(*)::int as n from audit_log where action = 'signature.upload'")).rows[0]!.n);
    const before = await count();
    await signIn(page, "chef.stendhal");
    await page.goto("/etablissement/vie-etablissement");
    const big = Buffer.alloc(1_500_000, 0);
    big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    await page.getByLabel(/Image de la signature/).setInputFiles({ name: "grande.png", mimeType: "image/png", buffer: big });
    await page.getByLabel("Nom et qualité du signataire").fill("Mme Hélène Roussin, principale");
    await page.getByRole("button", { name: "Enregistrer la signature" }).click();
    await expect(page.getByText("L'image de la signature ne doit pas dépasser 512 Ko.").first()).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(/erreur/i);
    expect(await count()).toBe(before);
  });

  test("R-SCH-13: a 1.5 Mo image posted to the action without the browser's check still gets the French message (body limit above the product's)", async ({
    page,
    baseURL,
  }) => {
    await signIn(page, "chef.stendhal");
    await page.goto("/etablissement/vie-etablissement");
    // A small file the browser lets through and the server refuses (unreadable image): the action's own request, to replay.
    const posted = page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
    const bad = Buffer.alloc(2000, 0);
    bad.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    await page.getByLabel(/Image de la signature/).setInputFiles({ name: "illisible.png", mimeType: "image/png", buffer: bad });
    await page.getByLabel("Nom et qualité du signataire").fill("Mme Hélène Roussin, principale");
    await page.getByRole("button", { name: "Enregistrer la signature" }).click();
    const request = await posted;
    await expect(page.getByText(/L'image de la signature n'a pas pu être lue/).first()).toBeVisible();
    const big = Buffer.alloc(1_500_000, 0);
    big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // React's encoding of the action's one argument, a FormData (react-server-dom's encodeReply): the
    // FormData's fields prefixed "_1_" first, then the root "0" that refers to it.
    const multipart = new FormData();
    multipart.append("_1_signatoryName", "Mme Hélène Roussin, principale");
    multipart.append("_1_image", new File([big], "grande.png", { type: "image/png" }));
    multipart.append("0", '["$K1"]');
    const headers = request.headers();
    const res = await page.request.post(request.url(), {
      headers: {
        "next-action": headers["next-action"]!,
        "next-router-state-tree": headers["next-router-state-tree"] ?? "",
        accept: "text/x-component",
        origin: baseURL!,
      },
      multipart,
    });
    expect(res.status()).toBe(200);
    expect(await res.text()).toContain("L'image de la signature ne doit pas dépasser 512 Ko.");
  });
});
