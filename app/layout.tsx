import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { ZOD_JITLESS_SCRIPT } from "@/lib/security/headers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Orientation – service en ligne", template: "%s – Orientation" },
  description: "Le service en ligne Orientation : intentions, avis du conseil de classe, choix définitifs et décision d'orientation.",
};

// Every page reads the session or the database: never prerender at build time. (It also gives
// every page the fresh CSP nonce of its request: docs/security-headers.md.)
export const dynamic = "force-dynamic";

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // proxy.ts hands the response's nonce; Next puts it on its own scripts, this one is ours.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="fr">
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: ZOD_JITLESS_SCRIPT }} />
      </head>
      <body className="min-h-screen flex flex-col font-sans antialiased">
        <a href="#contenu" className="skip-link">
          Aller au contenu
        </a>
        {children}
      </body>
    </html>
  );
}
