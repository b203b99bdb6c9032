import { PageMain, SiteFooter, SiteHeader } from "@/components/ui/site-header";
import { requireRole } from "@/lib/auth/session";

export default async function StudentLayout({ children }: { children: React.ReactNode }) {
  const { actor } = await requireRole("student");
  return (
    <>
      <SiteHeader audience="Espace élève" userName={actor.displayName} nav={[{ href: "/eleve", label: "Mon orientation" }]} />
      <PageMain>{children}</PageMain>
      <SiteFooter />
    </>
  );
}
