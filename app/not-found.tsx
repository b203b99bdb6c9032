import Link from "next/link";
import { PageMain, SiteFooter, SiteHeader } from "@/components/ui/site-header";

export default function NotFound() {
  return (
    <>
      <SiteHeader audience="" />
      <PageMain>
        <h1 className="text-2xl font-bold">Page introuvable</h1>
        <p className="mt-3">La page que vous cherchez n&apos;existe pas ou ne vous est pas accessible.</p>
        <p className="mt-3">
          <Link href="/" className="text-france underline">
            Retour à l&apos;accueil
          </Link>
        </p>
      </PageMain>
      <SiteFooter />
    </>
  );
}
