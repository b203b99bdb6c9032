import { PageMain, SiteFooter, SiteHeader } from "@/components/ui/site-header";
import { requireRole } from "@/lib/auth/session";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const { actor } = await requireRole("admin");
  return (
    <>
      <SiteHeader
        audience="Administration"
        userName={actor.displayName}
        nav={[
          { href: "/admin", label: "Plateforme" },
          { href: "/admin/transferts", label: "Transferts" },
        ]}
      />
      <PageMain>{children}</PageMain>
      <SiteFooter />
    </>
  );
}
