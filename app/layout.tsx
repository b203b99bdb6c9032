import type { Metadata, Viewport } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Orientation – service en ligne", template: "%s – Orientation" },
  description: "Le service en ligne Orientation : intentions, avis du conseil de classe, choix définitifs et décision d'orientation.",
};

// Every page reads the session or the database: never prerender at build time.
export const dynamic = "force-dynamic";

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="fr">
      <body className="min-h-screen flex flex-col font-sans antialiased">
        <a href="#contenu" className="skip-link">
          Aller au contenu
        </a>
        {children}
      </body>
    </html>
  );
}
