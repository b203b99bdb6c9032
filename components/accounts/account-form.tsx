"use client";

import type { AccountFormField } from "@/lib/domain/account-admin";
import { useRef, useState } from "react";
import {
  assignHomeroomDivisionAction,
  correctGuardianEmailAction,
  createAcademyAction,
  createHomeroomAction,
  createPlatformStaffAction,
  createSchoolAction,
  disableHomeroomAction,
} from "@/lib/actions/account-admin";
import { ActionFeedback, FieldError, buttonClass, inputClass, secondaryButtonClass } from "@/components/ui/action-feedback";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/define-action";

/* R-DATA-2: the account management forms (labels, errors next to their fields, a live region for the answer). */

const ACTIONS = {
  createAcademy: createAcademyAction,
  createSchool: createSchoolAction,
  createPlatformStaff: createPlatformStaffAction,
  createHomeroom: createHomeroomAction,
  correctGuardianEmail: correctGuardianEmailAction,
} as const;

export type FormField = AccountFormField;

export function AccountForm({
  action,
  idPrefix,
  fields,
  hidden = {},
  submitLabel,
  success,
  resetOnSuccess = true,
}: {
  action: keyof typeof ACTIONS;
  idPrefix: string;
  fields: FormField[];
  hidden?: Record<string, string>;
  submitLabel: string;
  success: string;
  resetOnSuccess?: boolean;
}) {
  const { pending, feedback, run, errorOf } = useAction();
  const form = useRef<HTMLFormElement>(null);
  return (
    <form
      ref={form}
      noValidate
      className="mt-3 space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        run<unknown>(async () => {
          const res: ActionResult<unknown> = await ACTIONS[action](fd);
          if (res.ok && resetOnSuccess) form.current?.reset();
          return res;
        }, success);
      }}
    >
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {fields.map((f) => {
        const id = `${idPrefix}-${f.name}`;
        const error = errorOf(f.name);
        const describedBy = [f.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
        return (
          <div key={f.name}>
            <label htmlFor={id} className="block font-medium">
              {f.label}
            </label>
            {f.hint ? (
              <p id={`${id}-hint`} className="text-sm text-muted">
                {f.hint}
              </p>
            ) : null}
            {f.options ? (
              <select
                id={id}
                name={f.name}
                defaultValue={f.defaultValue}
                aria-invalid={error ? true : undefined}
                aria-describedby={describedBy}
                className={inputClass}
              >
                {f.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={id}
                name={f.name}
                type={f.type ?? "text"}
                autoComplete={f.autoComplete ?? "off"}
                defaultValue={f.defaultValue}
                aria-invalid={error ? true : undefined}
                aria-describedby={describedBy}
                className={inputClass}
              />
            )}
            <FieldError id={`${id}-error`} message={error} />
          </div>
        );
      })}
      <button type="submit" disabled={pending} className={buttonClass}>
        {submitLabel}
      </button>
      <ActionFeedback feedback={feedback} inlineFieldErrors />
    </form>
  );
}

/** R-DATA-2: a division given to (or taken back from) a homeroom teacher, one checkbox each. */
export function DivisionToggle({
  accountId,
  divisionId,
  code,
  assigned,
  teacher,
}: {
  accountId: string;
  divisionId: string;
  code: string;
  assigned: boolean;
  teacher: string;
}) {
  const { pending, feedback, run } = useAction();
  // Ticked at once; put back if the school refuses (the answer says why).
  const [checked, setChecked] = useState(assigned);
  const id = `div-${accountId}-${divisionId}`;
  return (
    <div className="mr-4 inline-flex items-center gap-1">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={pending}
        aria-label={`${code} – ${teacher}`}
        onChange={(e) => {
          const next = e.currentTarget.checked;
          setChecked(next);
          run(
            async () => {
              const res = await assignHomeroomDivisionAction({ accountId, divisionId, assigned: String(next) });
              if (!res.ok) setChecked(!next);
              return res;
            },
            next ? `Division ${code} attribuée à ${teacher}.` : `Division ${code} retirée à ${teacher}.`,
          );
        }}
      />
      <label htmlFor={id} aria-hidden="true">
        {code}
      </label>
      {feedback ? <ActionFeedback feedback={feedback} /> : null}
    </div>
  );
}

/** R-DATA-2: disabling a homeroom teacher's account, confirmed first (never deleted). */
export function DisableAccountButton({ accountId, teacher }: { accountId: string; teacher: string }) {
  const { pending, feedback, setFeedback, run } = useAction();
  return (
    <div className="mt-2">
      {feedback?.kind === "confirm" ? (
        <div role="alertdialog" aria-labelledby={`disable-${accountId}`} className="rounded border-l-4 border-error bg-red-50 p-3 text-sm">
          <p id={`disable-${accountId}`}>{feedback.message}</p>
          <div className="mt-2 flex gap-2">
            <button
              type="button"
              autoFocus
              disabled={pending}
              className={buttonClass}
              onClick={() => run(() => disableHomeroomAction({ accountId, confirmed: "true" }), `Le compte de ${teacher} est désactivé.`)}
            >
              Confirmer la désactivation
            </button>
            <button type="button" className={secondaryButtonClass} onClick={() => setFeedback(null)}>
              Annuler
            </button>
          </div>
        </div>
      ) : (
        <>
          <button
            type="button"
            disabled={pending}
            className={secondaryButtonClass}
            onClick={() => run(() => disableHomeroomAction({ accountId }), "")}
            aria-label={`Désactiver le compte de ${teacher}`}
          >
            Désactiver le compte
          </button>
          <ActionFeedback feedback={feedback} />
        </>
      )}
    </div>
  );
}
