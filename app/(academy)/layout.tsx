import { PageMain, SiteFooter, SiteHeader } from "@/components/ui/site-header";
import { requireRole } from "@/lib/auth/session";

export default async function AcademyLayout({ children }: { children: React.ReactNode }) {
  const { actor } = await requireRole("saio");
  return (
    <>
      <SiteHeader
        audience="Académie"
        userName={actor.displayName}
        nav={[
          { href: "/academie", label: "Établissements" },
          { href: "/academie/calendrier", label: "Calendrier de la campagne" },
          { href: "/academie/parametres", label: "Paramètres académiques" },
        ]}
      />
      <PageMain>{children}</PageMain>
      <SiteFooter />
    </>
  );
}
