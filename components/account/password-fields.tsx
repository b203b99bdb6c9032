import { FieldError } from "@/components/ui/action-feedback";

export type PasswordField = { name: string; label: string; autoComplete: "current-password" | "new-password" };

/**
 * The password inputs of the password change and of the one-time link (docs/production.md,
 * R-DATA-2): the rules first, each field labelled, its error next to it and announced, the new
 * password described by the rules.
 */
export function PasswordFields({ fields, rules, errorOf }: { fields: readonly PasswordField[]; rules: string; errorOf: (name: string) => string | undefined }) {
  return (
    <>
      <p id="password-rules" className="text-sm text-muted">
        {rules}
      </p>
      {fields.map((f) => {
        const error = errorOf(f.name);
        return (
          <div key={f.name}>
            <label htmlFor={f.name} className="block font-medium">
              {f.label}
            </label>
            <input
              id={f.name}
              name={f.name}
              type="password"
              autoComplete={f.autoComplete}
              required
              aria-invalid={error ? true : undefined}
              aria-describedby={[f.name === "newPassword" ? "password-rules" : null, error ? `${f.name}-error` : null].filter(Boolean).join(" ") || undefined}
              className="mt-1 w-full rounded border border-gray-500 px-3 py-2"
            />
            <FieldError id={`${f.name}-error`} message={error} />
          </div>
        );
      })}
    </>
  );
}
