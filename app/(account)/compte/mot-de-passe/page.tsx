import type { Metadata } from "next";
import { PasswordChangeForm } from "@/components/account/password-change-form";
import { PageMain, SiteFooter, SiteHeader } from "@/components/ui/site-header";
import { loadPasswordChangePage } from "@/lib/loaders/account-password";

export const metadata: Metadata = { title: "Changer votre mot de passe" };

/** docs/production.md: the password change, forced after a one-time password (npm run admin:create). */
export default async function PasswordChangePage() {
  const view = await loadPasswordChangePage();
  return (
    <>
      <SiteHeader audience="Mon compte" userName={view.userName} />
      <PageMain>
        <div className="mx-auto max-w-xl">
          <h1 className="text-2xl font-bold">{view.title}</h1>
          <p className="mt-2">{view.intro}</p>
          <PasswordChangeForm rules={view.rules} />
        </div>
      </PageMain>
      <SiteFooter />
    </>
  );
}
