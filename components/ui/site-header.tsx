import Link from "next/link";
import { SignOutButton } from "./sign-out-button";

export type NavItem = { href: string; label: string };

/** The header of every signed-in page: service name, who is signed in, navigation, sign-out. */
export function SiteHeader({ audience, userName, nav }: { audience: string; userName?: string; nav?: NavItem[] }) {
  return (
    <header className="border-b-4 border-france bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <div>
          <p className="text-xs font-bold uppercase leading-tight tracking-wide">Ministère de l&apos;Éducation nationale</p>
          <Link href="/" className="text-lg font-bold text-france">
            Orientation
          </Link>
          <span className="ml-2 text-sm text-muted">{audience}</span>
        </div>
        {userName ? (
          <div className="flex items-center gap-3">
            <p className="text-sm">
              <span className="sr-only">Connecté en tant que </span>
              {userName}
            </p>
            <SignOutButton />
          </div>
        ) : null}
      </div>
      {nav && nav.length > 0 ? (
        <nav aria-label="Navigation principale" className="border-t border-gray-200">
          <ul className="mx-auto flex max-w-6xl flex-wrap gap-x-6 gap-y-1 px-4 py-2 text-sm">
            {nav.map((n) => (
              <li key={n.href}>
                <Link href={n.href} className="font-medium text-france underline-offset-4 hover:underline">
                  {n.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}

export function SiteFooter() {
  return (
    <footer className="mt-auto border-t border-gray-200 bg-gray-50">
      <div className="mx-auto max-w-6xl px-4 py-4 text-sm text-muted">
        Service en ligne Orientation – procédure d&apos;orientation de fin de 3e et de 2de générale et technologique.
      </div>
    </footer>
  );
}

export function PageMain({ children }: { children: React.ReactNode }) {
  return (
    <main id="contenu" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
      {children}
    </main>
  );
}
