import { PageMain, SiteFooter, SiteHeader } from "@/components/ui/site-header";
import { LanguageSelector } from "@/components/family/language-selector";
import { loadAppShell } from "@/lib/loaders/app-shell";

export default async function StudentLayout({ children }: { children: React.ReactNode }) {
  const shell = await loadAppShell("student");
  return (
    <>
      <SiteHeader audience={shell.audience} userName={shell.userName} nav={shell.nav} />
      <PageMain>
        {/* R-OVS-5: the language of the guidance texts, chosen by the family (or the student). */}
        <LanguageSelector locale={shell.guidanceLocale} />
        {children}
      </PageMain>
      <SiteFooter />
    </>
  );
}
