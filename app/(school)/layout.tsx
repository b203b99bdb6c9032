import { PageMain, SiteFooter, SiteHeader } from "@/components/ui/site-header";
import { loadSchoolLayout } from "@/lib/loaders/school-layout";

export default async function SchoolLayout({ children }: { children: React.ReactNode }) {
  const view = await loadSchoolLayout();
  return (
    <>
      <SiteHeader audience="Établissement" userName={view.userName} nav={view.nav} />
      <PageMain>{children}</PageMain>
      <SiteFooter />
    </>
  );
}
