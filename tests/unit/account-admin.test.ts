import { describe, expect, it } from "vitest";
import { accountWelcomeEmail } from "@/emails/account-welcome";
import { guardianEmailChangedEmail } from "@/emails/guardian-email-changed";
import {
  academyCreateSchema,
  guardianEmailSchema,
  homeroomsView,
  passwordLink,
  platformStaffSchema,
  resetAllowed,
  RESET_LINKS_PER_HOUR,
  schoolCreateSchema,
  setPasswordSchema,
  TOKEN_LIFETIME_MS,
  tokenExpiresAt,
  tokenState,
  uaiCheckLetter,
  uaiError,
  UAI_MESSAGES,
} from "@/lib/domain/account-admin";
import { PASSWORD_MESSAGES } from "@/lib/domain/accounts";

const NOW = new Date("2026-11-23T09:00:00Z");
const errorsOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("R-DATA-2: validation of the account management forms", () => {
  it("R-DATA-2: the UAI's check letter is the seven digits modulo 23 in the alphabet without I, O, Q", () => {
    expect(uaiCheckLetter("0380027")).toBe("Y"); // Lycée Champollion, Grenoble
    expect(uaiCheckLetter("0750654")).toBe("D"); // Lycée Louis-le-Grand, Paris
    expect(uaiError("0380027Y")).toBeNull();
    expect(uaiError("0380027A")).toBe(UAI_MESSAGES.checkLetter);
    expect(uaiError("380027Y")).toBe(UAI_MESSAGES.format);
    expect(uaiError("0380027y")).toBe(UAI_MESSAGES.format);
  });

  it("R-DATA-2: an académie's code is lowercase letters and hyphens; its sender address must be an address", () => {
    expect(academyCreateSchema.safeParse({ code: "aix-marseille", name: "Aix-Marseille", senderEmail: "o@ac-aix-marseille.fr" }).success).toBe(true);
    for (const code of ["Grenoble", "aix marseille", "aix--marseille", "-aix", "lyon2", "créteil", ""])
      expect(errorsOf(academyCreateSchema.safeParse({ code, name: "X", senderEmail: "o@ac.fr" })).code, code).toBeDefined();
    expect(errorsOf(academyCreateSchema.safeParse({ code: "lyon", name: " ", senderEmail: "non" }))).toMatchObject({
      name: "Le nom de l'académie est obligatoire.",
      senderEmail: expect.stringMatching(/n'est pas valide/),
    });
  });

  it("R-DATA-2: a school: UAI upper-cased then checked, 5-digit postal code, French phone, known term mode", () => {
    const ok = {
      uai: "0380027y",
      name: "L",
      address: "A",
      postalCode: "38000",
      city: "G",
      phone: "04 76 00 00 00",
      email: "e@ac.fr",
      academyId: "grenoble",
      termMode: "semester",
    };
    const parsed = schoolCreateSchema.safeParse(ok);
    expect(parsed.success && parsed.data.uai).toBe("0380027Y");
    expect(Object.keys(errorsOf(schoolCreateSchema.safeParse({ ...ok, postalCode: "3800", phone: "12", termMode: "quarter" }))).sort()).toEqual([
      "phone",
      "postalCode",
      "termMode",
    ]);
  });

  it("R-DATA-2: staff accounts: login lower-cased and checked, civility optional, e-mail bounded", () => {
    const base = { role: "head", schoolId: "9b2b8f8e-0c4e-4c62-9a43-5d5b4f1b2c3d", name: "Claire Essai", email: "c@ac.fr", login: "Chef.Essai" };
    const p = platformStaffSchema.safeParse(base);
    expect(p.success && p.data).toMatchObject({ login: "chef.essai", civility: null });
    expect(errorsOf(platformStaffSchema.safeParse({ ...base, login: "chef essai", civility: "Dr" }))).toMatchObject({
      login: expect.stringMatching(/identifiant/),
      civility: expect.stringMatching(/civilité/),
    });
    expect(errorsOf(platformStaffSchema.safeParse({ ...base, email: `${"a".repeat(250)}@ac.fr` })).email).toMatch(/au plus 254/);
  });

  it("R-DATA-2: a guardian's new e-mail: format, length, control characters", () => {
    const ids = { studentId: "9b2b8f8e-0c4e-4c62-9a43-5d5b4f1b2c3d", guardianId: "9b2b8f8e-0c4e-4c62-9a43-5d5b4f1b2c3e" };
    expect(guardianEmailSchema.safeParse({ ...ids, email: "  a.b@example.fr " }).data?.email).toBe("a.b@example.fr");
    for (const email of ["", "a@", "a b@example.fr", "a\u0000@example.fr", `${"a".repeat(255)}@x.fr`])
      expect(errorsOf(guardianEmailSchema.safeParse({ ...ids, email })).email, JSON.stringify(email)).toMatch(/adresse/);
  });

  it("R-DATA-2: setting a password from a link: the password change's rules (length, control characters, confirmation)", () => {
    const token = "A".repeat(43);
    expect(setPasswordSchema.safeParse({ token, newPassword: "une phrase longue", confirmation: "une phrase longue" }).success).toBe(true);
    expect(errorsOf(setPasswordSchema.safeParse({ token, newPassword: "court", confirmation: "x" }))).toMatchObject({
      newPassword: PASSWORD_MESSAGES.tooShort,
      confirmation: PASSWORD_MESSAGES.confirmationMismatch,
    });
    expect(errorsOf(setPasswordSchema.safeParse({ token: "abc", newPassword: "une phrase longue", confirmation: "une phrase longue" })).token).toMatch(/lien/);
  });
});

describe("R-DATA-2: one-time links", () => {
  it("R-DATA-2: a welcome link lives 72 hours, a reset link one hour; used, expired, unknown and disabled are told apart", () => {
    expect(TOKEN_LIFETIME_MS).toEqual({ welcome: 72 * 3600_000, reset: 3600_000 });
    const exp = tokenExpiresAt("reset", NOW);
    expect(tokenState({ expiresAt: exp, usedAt: null, disabled: false }, new Date(exp.getTime() - 1))).toBe("valid");
    expect(tokenState({ expiresAt: exp, usedAt: null, disabled: false }, exp)).toBe("expired");
    expect(tokenState({ expiresAt: exp, usedAt: NOW, disabled: false }, NOW)).toBe("used");
    expect(tokenState({ expiresAt: exp, usedAt: null, disabled: true }, NOW)).toBe("unknown");
    expect(tokenState(null, NOW)).toBe("unknown");
    expect(resetAllowed(RESET_LINKS_PER_HOUR - 1)).toBe(true);
    expect(resetAllowed(RESET_LINKS_PER_HOUR)).toBe(false);
    expect(passwordLink("https://orientation.example.fr/", "tok")).toBe("https://orientation.example.fr/compte/definir-mot-de-passe?jeton=tok");
  });

  it("R-DATA-2: the welcome e-mail gives the login and the link; the guardian's e-mail says which address replaced which", () => {
    const w = {
      civility: "Mme",
      displayName: "Claire",
      roleLabel: "Chef d'établissement – Lycée",
      login: "chef.essai",
      link: "https://x/compte/definir-mot-de-passe?jeton=t",
      expiresAt: "26/11/2026 à 10:00",
    };
    expect(accountWelcomeEmail.text(w)).toContain("Madame,");
    expect(accountWelcomeEmail.text(w)).toContain("chef.essai");
    expect(accountWelcomeEmail.html(w)).toContain('href="https://x/compte/definir-mot-de-passe?jeton=t"');
    const school = { name: "L", address: "A", postalCode: "38000", city: "G", phone: "0", email: "e" };
    const g = { civility: null, oldEmail: "old@x.fr", newEmail: "new@x.fr", changedAt: "23/11/2026 à 10:00", copy: "old" as const, school };
    expect(guardianEmailChangedEmail.text(g)).toContain("old@x.fr par new@x.fr");
    expect(guardianEmailChangedEmail.text({ ...g, oldEmail: null, copy: "new" })).toContain("a enregistré");
  });

  it("R-DATA-2: the homeroom screen ticks each teacher's divisions", () => {
    const v = homeroomsView({
      people: [{ id: "p", displayName: "Nora", login: "pp.nora", email: null, disabled: false }],
      divisions: [
        { id: "a", code: "3A" },
        { id: "b", code: "3B" },
      ],
      links: [{ accountId: "p", divisionId: "b" }],
    });
    expect(v.people[0]!.divisions.map((d) => d.assigned)).toEqual([false, true]);
  });
});
