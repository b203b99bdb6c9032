import { PageMain, SiteFooter, SiteHeader } from "@/components/ui/site-header";
import { requireRole } from "@/lib/auth/session";

export default async function FamilyLayout({ children }: { children: React.ReactNode }) {
  const { actor } = await requireRole("guardian");
  return (
    <>
      <SiteHeader audience="Espace parents" userName={actor.displayName} nav={[{ href: "/famille", label: "Mes enfants" }]} />
      <PageMain>{children}</PageMain>
      <SiteFooter />
    </>
  );
}
