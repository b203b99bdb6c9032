"use client";

import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { passwordRefusalText, SIGN_IN_FAILED_MESSAGE, type DemoAccount } from "@/lib/domain/sign-in";

export function SignInForm({ demoAccounts, demoPassword }: { demoAccounts: DemoAccount[]; demoPassword?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);

  async function submit(login: string, password: string) {
    setPending(true);
    setError(null);
    // A refusal's text is shown only when it is one of the product's own French messages.
    const res = await signIn("password", { login, password, redirect: false }).catch(() => null);
    if (!res || res.error) {
      setPending(false);
      setError(res ? passwordRefusalText(res.error) : SIGN_IN_FAILED_MESSAGE);
      requestAnimationFrame(() => errorRef.current?.focus());
      return;
    }
    router.replace("/");
    router.refresh();
  }

  return (
    <div className="space-y-8">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const fd = new FormData(e.currentTarget);
          void submit(String(fd.get("login") ?? ""), String(fd.get("password") ?? ""));
        }}
        className="space-y-4"
        aria-describedby={error ? "signin-error" : undefined}
      >
        {error ? (
          <div id="signin-error" ref={errorRef} tabIndex={-1} role="alert" className="rounded border-l-4 border-error bg-red-50 p-3 text-sm text-error">
            {error}
          </div>
        ) : null}
        <div>
          <label htmlFor="login" className="block font-medium">
            Identifiant
          </label>
          <input id="login" name="login" autoComplete="username" required className="mt-1 w-full rounded border border-gray-500 px-3 py-2" />
        </div>
        <div>
          <label htmlFor="password" className="block font-medium">
            Mot de passe
          </label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            className="mt-1 w-full rounded border border-gray-500 px-3 py-2"
          />
        </div>
        <button
          type="submit"
          disabled={pending}
          className="w-full rounded bg-france px-4 py-2 font-medium text-white hover:bg-france-hover disabled:opacity-60"
        >
          {pending ? "Connexion…" : "Se connecter"}
        </button>
        <p className="text-sm">
          {/* R-DATA-2: staff only; families sign in with ÉduConnect. */}
          <Link href="/connexion/mot-de-passe-oublie" className="text-france underline">
            Mot de passe oublié ?
          </Link>
        </p>
      </form>

      {demoAccounts.length > 0 && demoPassword ? (
        <section aria-labelledby="demo-title" className="rounded border border-gray-300 p-4">
          <h2 id="demo-title" className="font-bold">
            Comptes de démonstration
          </h2>
          <p className="mt-1 text-sm text-muted">
            Mode démonstration : choisissez un compte pour vous connecter (mot de passe commun : <code>{demoPassword}</code>).
          </p>
          <ul className="mt-3 grid gap-2 sm:grid-cols-2">
            {demoAccounts.map((a) => (
              <li key={a.login}>
                <button
                  type="button"
                  disabled={pending}
                  onClick={() => void submit(a.login, demoPassword)}
                  className="w-full rounded border border-france px-3 py-2 text-left text-sm hover:bg-france-light disabled:opacity-60"
                >
                  <span className="block font-medium text-france">{a.label}</span>
                  <span className="block text-muted">{a.login}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export function OidcButton({ name }: { name: string }) {
  return (
    <button
      type="button"
      onClick={() => void signIn("educonnect", { callbackUrl: "/" })}
      className="w-full rounded bg-france px-4 py-3 font-medium text-white hover:bg-france-hover"
    >
      Se connecter avec {name}
    </button>
  );
}
