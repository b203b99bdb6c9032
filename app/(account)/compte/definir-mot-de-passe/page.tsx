import type { Metadata } from "next";
import Link from "next/link";
import { SetPasswordForm } from "@/components/accounts/password-link-forms";
import { PageMain, SiteFooter, SiteHeader } from "@/components/ui/site-header";
import { PASSWORD_MIN_LENGTH } from "@/lib/domain/accounts";
import { loadSetPasswordPage } from "@/lib/loaders/account-admin";

// R-DATA-2: the one-time link's token is in this page's address: no Referer carries it anywhere, even to our own pages.
export const metadata: Metadata = { title: "Choisir votre mot de passe", referrer: "no-referrer" };

type Search = Promise<Record<string, string | string[] | undefined>>;

/** R-DATA-2: a one-time link (welcome or «mot de passe oublié») opens this page, signed out. */
export default async function SetPasswordPage({ searchParams }: { searchParams: Search }) {
  const raw = (await searchParams).jeton;
  const token = typeof raw === "string" ? raw : undefined;
  const view = await loadSetPasswordPage(token);
  return (
    <>
      <SiteHeader audience="Mon compte" />
      <PageMain>
        <div className="mx-auto max-w-xl">
          <h1 className="text-2xl font-bold">Choisir votre mot de passe</h1>
          {view.state === "valid" && token ? (
            <>
              <p className="mt-2">
                {view.name} (identifiant {view.login}) : choisissez votre mot de passe. Ce lien ne fonctionne qu&apos;une fois.
              </p>
              <SetPasswordForm token={token} login={view.login} rules={`Au moins ${PASSWORD_MIN_LENGTH} caractères.`} />
            </>
          ) : (
            <>
              <p role="alert" className="mt-4 rounded border-l-4 border-error bg-red-50 p-3 text-error">
                {view.message}
              </p>
              <p className="mt-4">
                <Link href="/connexion/mot-de-passe-oublie" className="text-france underline">
                  Mot de passe oublié ? Demander un nouveau lien
                </Link>
              </p>
            </>
          )}
        </div>
      </PageMain>
      <SiteFooter />
    </>
  );
}
