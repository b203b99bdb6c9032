import type { Metadata } from "next";
import { PageMain, SiteFooter, SiteHeader } from "@/components/ui/site-header";
import { loadSignInPage } from "@/lib/loaders/sign-in";
import { OidcButton, SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Connexion" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: Search }) {
  const page = await loadSignInPage(await searchParams);
  const { notice } = page;
  return (
    <>
      <SiteHeader audience="Connexion" />
      <PageMain>
        <div className="mx-auto max-w-xl">
          <h1 className="text-2xl font-bold">Connexion au service en ligne Orientation</h1>
          {notice ? (
            <p
              role={notice.tone === "error" ? "alert" : "status"}
              className={`mt-4 rounded border-l-4 p-3 text-sm ${notice.tone === "error" ? "border-error bg-red-50 text-error" : "border-france bg-france-light"}`}
            >
              {notice.text}
            </p>
          ) : null}
          {page.oidcName ? (
            <section aria-labelledby="families-title" className="mt-6">
              <h2 id="families-title" className="text-lg font-bold">
                Parents et élèves
              </h2>
              <p className="mt-1 text-sm text-muted">Connectez-vous avec votre compte {page.oidcName} : vos enfants sont retrouvés automatiquement.</p>
              <div className="mt-3">
                <OidcButton name={page.oidcName} />
              </div>
            </section>
          ) : null}
          <section aria-labelledby="password-title" className="mt-8">
            <h2 id="password-title" className="text-lg font-bold">
              {page.passwordHeading}
            </h2>
            <p className="mt-1 text-sm text-muted">
              Personnels de l&apos;établissement et de l&apos;académie, ou familles disposant d&apos;un compte établissement.
            </p>
            <div className="mt-3">
              <SignInForm demoAccounts={page.demo?.accounts ?? []} demoPassword={page.demo?.password} />
            </div>
          </section>
        </div>
      </PageMain>
      <SiteFooter />
    </>
  );
}
