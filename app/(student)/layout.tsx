import { PageMain, SiteFooter, SiteHeader } from "@/components/ui/site-header";
import { loadAppShell } from "@/lib/loaders/app-shell";

export default async function StudentLayout({ children }: { children: React.ReactNode }) {
  const shell = await loadAppShell("student");
  return (
    <>
      <SiteHeader audience={shell.audience} userName={shell.userName} nav={shell.nav} />
      <PageMain>{children}</PageMain>
      <SiteFooter />
    </>
  );
}
