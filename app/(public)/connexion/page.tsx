import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PageMain, SiteFooter, SiteHeader } from "@/components/ui/site-header";
import { getSignedIn, homeOf } from "@/lib/auth/session";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/lib/db/demo-accounts";
import { OIDC_NO_MATCH_MESSAGE } from "@/lib/domain/oidc-claims";
import { env } from "@/lib/env";
import { OidcButton, SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Connexion" };

type Search = Promise<Record<string, string | string[] | undefined>>;

function noticeOf(q: Record<string, string | string[] | undefined>): { tone: "info" | "error"; text: string } | null {
  if (q.erreur === "oidc" || q.error === "AccessDenied") return { tone: "error", text: OIDC_NO_MATCH_MESSAGE };
  if (typeof q.error === "string" && q.error !== "SessionRequired")
    return { tone: "error", text: "La connexion n'a pas abouti. Veuillez réessayer ; si le problème persiste, contactez votre établissement." };
  if (q.expiree) return { tone: "info", text: "Votre session a expiré ou vous n'êtes pas connecté. Veuillez vous connecter." };
  if (q.deconnecte) return { tone: "info", text: "Vous êtes déconnecté." };
  return null;
}

export default async function SignInPage({ searchParams }: { searchParams: Search }) {
  const signedIn = await getSignedIn();
  if (signedIn) redirect(homeOf(signedIn.actor.role));
  const q = await searchParams;
  const e = env();
  const notice = noticeOf(q);
  const oidc = Boolean(e.OIDC_ISSUER);
  return (
    <>
      <SiteHeader audience="Connexion" />
      <PageMain>
        <div className="mx-auto max-w-xl">
          <h1 className="text-2xl font-bold">Connexion au service en ligne Orientation</h1>
          {notice ? (
            <p role={notice.tone === "error" ? "alert" : "status"} className={`mt-4 rounded border-l-4 p-3 text-sm ${notice.tone === "error" ? "border-error bg-red-50 text-error" : "border-france bg-france-light"}`}>
              {notice.text}
            </p>
          ) : null}
          {oidc ? (
            <section aria-labelledby="families-title" className="mt-6">
              <h2 id="families-title" className="text-lg font-bold">
                Parents et élèves
              </h2>
              <p className="mt-1 text-sm text-muted">Connectez-vous avec votre compte {e.OIDC_NAME} : vos enfants sont retrouvés automatiquement.</p>
              <div className="mt-3">
                <OidcButton name={e.OIDC_NAME} />
              </div>
            </section>
          ) : null}
          <section aria-labelledby="password-title" className="mt-8">
            <h2 id="password-title" className="text-lg font-bold">
              {oidc ? "Avec un identifiant et un mot de passe" : "Identifiant et mot de passe"}
            </h2>
            <p className="mt-1 text-sm text-muted">Personnels de l&apos;établissement et de l&apos;académie, ou familles disposant d&apos;un compte établissement.</p>
            <div className="mt-3">
              <SignInForm demoAccounts={e.DEMO_MODE ? DEMO_ACCOUNTS.map((a) => ({ login: a.login, label: a.label, role: a.role })) : []} demoPassword={e.DEMO_MODE ? DEMO_PASSWORD : undefined} />
            </div>
          </section>
        </div>
      </PageMain>
      <SiteFooter />
    </>
  );
}
