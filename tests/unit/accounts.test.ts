import { describe, expect, it } from "vitest";
import { PASSWORD_MESSAGES, parseAdminCreateArgs, passwordChangeSchema } from "@/lib/domain/accounts";

const errorsOf = (input: unknown) => {
  const r = passwordChangeSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("the password change's rules (docs/production.md)", () => {
  it("R-AUTH-2: at least 12 characters, the confirmation matches, different from the old one, French messages", () => {
    expect(errorsOf({ currentPassword: "ancien-mot-de-passe", newPassword: "court", confirmation: "court" })).toEqual([
      `newPassword: ${PASSWORD_MESSAGES.tooShort}`,
    ]);
    expect(errorsOf({ currentPassword: "ancien-mot-de-passe", newPassword: "assez-long-1234", confirmation: "assez-long-1235" })).toEqual([
      `confirmation: ${PASSWORD_MESSAGES.confirmationMismatch}`,
    ]);
    expect(errorsOf({ currentPassword: "ancien-mot-de-passe", newPassword: "ancien-mot-de-passe", confirmation: "ancien-mot-de-passe" })).toEqual([
      `newPassword: ${PASSWORD_MESSAGES.sameAsOld}`,
    ]);
    expect(errorsOf({ currentPassword: "", newPassword: "assez-long-1234", confirmation: "assez-long-1234" })).toEqual([
      `currentPassword: ${PASSWORD_MESSAGES.currentRequired}`,
    ]);
    expect(errorsOf({ currentPassword: "a", newPassword: "avec\u0000nul-1234", confirmation: "avec\u0000nul-1234" })).toEqual([
      `newPassword: ${PASSWORD_MESSAGES.control}`,
    ]);
    expect(errorsOf({ currentPassword: "a", newPassword: "x".repeat(201), confirmation: "x".repeat(201) })).toEqual([
      `newPassword: ${PASSWORD_MESSAGES.tooLong}`,
    ]);
    expect(errorsOf({ currentPassword: "ancien", newPassword: "une phrase de passe", confirmation: "une phrase de passe" })).toEqual([]);
    expect(PASSWORD_MESSAGES.tooShort).toBe("Le nouveau mot de passe doit compter au moins 12 caractères.");
  });
});

describe("npm run admin:create's arguments (docs/production.md)", () => {
  it("docs/production.md: the login is lower-cased and checked, the name required, the e-mail optional and checked", () => {
    expect(parseAdminCreateArgs(["--login", "Admin.Dupont", "--name", " Camille Dupont "])).toEqual({
      login: "admin.dupont",
      name: "Camille Dupont",
      email: null,
    });
    expect(parseAdminCreateArgs(["--name", "C D", "--email", "c@d.fr", "--login", "cd"])).toEqual({ login: "cd", name: "C D", email: "c@d.fr" });
    expect(() => parseAdminCreateArgs(["--name", "C D"])).toThrow("L'identifiant (--login) est obligatoire.");
    expect(() => parseAdminCreateArgs(["--login", "cd"])).toThrow("Le nom affiché (--name) est obligatoire.");
    expect(() => parseAdminCreateArgs(["--login", "a b", "--name", "C"])).toThrow("L'identifiant doit compter 1 à 64 caractères");
    expect(() => parseAdminCreateArgs(["--login", "cd", "--name", "C", "--email", "pas-une-adresse"])).toThrow(
      "L'adresse e-mail « pas-une-adresse » n'est pas valide.",
    );
    expect(() => parseAdminCreateArgs(["--login", "cd", "--name"])).toThrow("L'option --name attend une valeur.");
    expect(() => parseAdminCreateArgs(["--role", "admin"])).toThrow("Option inconnue : --role");
  });
});
