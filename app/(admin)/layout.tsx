import { PageMain, SiteFooter, SiteHeader } from "@/components/ui/site-header";
import { loadAdminLayout } from "@/lib/loaders/admin-platform";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const { userName } = await loadAdminLayout();
  return (
    <>
      <SiteHeader
        audience="Administration"
        userName={userName}
        nav={[
          { href: "/admin", label: "Plateforme" },
          { href: "/admin/academies", label: "Académies et SAIO" },
          { href: "/admin/etablissements", label: "Établissements et chefs" },
          { href: "/admin/transferts", label: "Transferts" },
        ]}
      />
      <PageMain>{children}</PageMain>
      <SiteFooter />
    </>
  );
}
