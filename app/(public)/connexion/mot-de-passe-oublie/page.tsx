import type { Metadata } from "next";
import Link from "next/link";
import { ForgotPasswordForm } from "@/components/accounts/password-link-forms";
import { PageMain, SiteFooter, SiteHeader } from "@/components/ui/site-header";

export const metadata: Metadata = { title: "Mot de passe oublié" };

/** R-DATA-2: «Mot de passe oublié ?» of the staff (families sign in with ÉduConnect). */
export default function ForgotPasswordPage() {
  return (
    <>
      <SiteHeader audience="Connexion" />
      <PageMain>
        <div className="mx-auto max-w-xl">
          <h1 className="text-2xl font-bold">Mot de passe oublié</h1>
          <p className="mt-2">
            Personnels de l&apos;établissement et de l&apos;académie : saisissez votre identifiant ou votre adresse électronique. Vous recevrez un lien pour
            choisir un nouveau mot de passe, valable une heure.
          </p>
          <ForgotPasswordForm />
          <p className="mt-6">
            <Link href="/connexion" className="text-france underline">
              Retour à la connexion
            </Link>
          </p>
        </div>
      </PageMain>
      <SiteFooter />
    </>
  );
}
