import Link from "next/link";

/**
 * The 404's text, without the page's shell. The root app/not-found.tsx wraps it in the header and
 * footer (an unknown address, or a 404 from an audience's layout, which then does not render); each
 * audience's group has its own not-found.tsx with this text alone, since its layout already draws
 * the header, the <main> and the footer: one of each on every 404.
 */
export function NotFoundContent() {
  return (
    <>
      <h1 className="text-2xl font-bold">Page introuvable</h1>
      <p className="mt-3">La page que vous cherchez n&apos;existe pas ou ne vous est pas accessible.</p>
      <p className="mt-3">
        <Link href="/" className="text-france underline">
          Retour à l&apos;accueil
        </Link>
      </p>
    </>
  );
}
