import { PageMain, SiteFooter, SiteHeader, type NavItem } from "@/components/ui/site-header";
import { requireRole } from "@/lib/auth/session";

export default async function SchoolLayout({ children }: { children: React.ReactNode }) {
  const { actor } = await requireRole("head", "homeroom");
  const nav: NavItem[] = [
    { href: "/etablissement", label: "Accueil" },
    { href: "/etablissement/eleves", label: "Liste des élèves" },
    { href: "/etablissement/suivi-ts", label: "Suivi des saisies TS" },
    { href: "/etablissement/fiche-dialogue", label: "Fiches de dialogue" },
  ];
  if (actor.role === "head") nav.push({ href: "/etablissement/vie-etablissement", label: "Vie de l'établissement" });
  return (
    <>
      <SiteHeader audience="Établissement" userName={actor.displayName} nav={nav} />
      <PageMain>{children}</PageMain>
      <SiteFooter />
    </>
  );
}
