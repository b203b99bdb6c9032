/*
 * The shell of each audience's pages: the audience's name in the header, who is signed in, and
 * the navigation (R-AUTH-1: each audience sees only its own screens).
 */

export type ShellAudience = "family" | "student" | "academy";
export type NavItem = { href: string; label: string };
export type AppShellView = { audience: string; userName: string; nav: NavItem[] };

const SHELLS: Record<ShellAudience, { audience: string; nav: NavItem[] }> = {
  family: { audience: "Espace parents", nav: [{ href: "/famille", label: "Mes enfants" }] },
  student: { audience: "Espace élève", nav: [{ href: "/eleve", label: "Mon orientation" }] },
  academy: {
    audience: "Académie",
    nav: [
      { href: "/academie", label: "Établissements" },
      { href: "/academie/statistiques", label: "Statistiques" },
      { href: "/academie/calendrier", label: "Calendrier de la campagne" },
      { href: "/academie/relances", label: "Relances des familles" },
      { href: "/academie/parametres", label: "Paramètres académiques" },
      { href: "/academie/alertes", label: "Alertes par voie" },
      { href: "/academie/comptes", label: "Chefs d'établissement" },
    ],
  },
};

export function describeAppShell(audience: ShellAudience, displayName: string): AppShellView {
  const shell = SHELLS[audience];
  return { audience: shell.audience, userName: displayName, nav: shell.nav.map((n) => ({ ...n })) };
}
