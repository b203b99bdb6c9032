"use client";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  // Configuration and database errors carry a French message meant for the operator.
  const known = error.name === "ConfigurationError" || error.name === "DatabaseUnavailableError";
  return (
    <main id="contenu" className="mx-auto w-full max-w-3xl flex-1 px-4 py-10">
      <h1 className="text-2xl font-bold">Le service est momentanément indisponible</h1>
      <p className="mt-3">{known ? error.message : "Une erreur inattendue s'est produite. Veuillez réessayer dans quelques instants."}</p>
      {error.digest ? <p className="mt-2 text-sm text-muted">Référence de l&apos;erreur : {error.digest}</p> : null}
      <button type="button" onClick={reset} className="mt-6 rounded bg-france px-4 py-2 text-white">
        Réessayer
      </button>
    </main>
  );
}
