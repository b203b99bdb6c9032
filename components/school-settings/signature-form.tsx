"use client";

import { useRef } from "react";
import { removeSignatureAction, uploadSignatureAction } from "@/lib/actions/school-settings";
import { buttonClass, FieldError, ActionFeedback, inputClass, secondaryButtonClass } from "@/components/ui/action-feedback";
import { useAction } from "@/components/ui/use-action";
import { signatureFileProblem } from "@/lib/domain/school-settings";

/** R-SCH-13: upload (or remove) the head's scanned signature printed on the fiches de dialogue. */
export function SignatureForm({ signatoryName, hasSignature }: { signatoryName: string; hasSignature: boolean }) {
  const { pending, feedback, run, errorOf } = useAction();
  const form = useRef<HTMLFormElement>(null);
  const imageError = errorOf("image");
  const nameError = errorOf("signatoryName");
  return (
    <div>
      <form
        ref={form}
        onSubmit={(e) => {
          e.preventDefault();
          const fd = new FormData(e.currentTarget);
          // Checked before sending (docs/security-inputs.md): a file over the limit never reaches the server's body limit.
          const file = fd.get("image");
          const problem = file instanceof File ? signatureFileProblem(file) : null;
          if (problem) {
            run(async () => ({ ok: false as const, message: problem, fieldErrors: { image: [problem] } }), "");
            return;
          }
          run(() => uploadSignatureAction(fd), "La signature numérisée est enregistrée.");
        }}
      >
        <label htmlFor="signature-image" className="block font-medium">
          Image de la signature (PNG ou JPEG, 512 Ko au plus)
        </label>
        <input
          id="signature-image"
          name="image"
          type="file"
          accept="image/png,image/jpeg"
          required
          className={`${inputClass} file:mr-3 file:rounded file:border-0 file:bg-france-light file:px-3 file:py-1`}
          aria-invalid={imageError ? true : undefined}
          aria-describedby={imageError ? "signature-image-error" : undefined}
        />
        <FieldError id="signature-image-error" message={imageError} />
        <label htmlFor="signatory-name" className="mt-4 block font-medium">
          Nom et qualité du signataire
        </label>
        <input
          id="signatory-name"
          name="signatoryName"
          type="text"
          required
          defaultValue={signatoryName}
          className={inputClass}
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? "signatory-name-error" : undefined}
        />
        <FieldError id="signatory-name-error" message={nameError} />
        <p className="mt-3 flex flex-wrap gap-3">
          <button type="submit" disabled={pending} className={buttonClass}>
            Enregistrer la signature
          </button>
          {hasSignature ? (
            <button
              type="button"
              disabled={pending}
              className={secondaryButtonClass}
              onClick={() => run(() => removeSignatureAction({}), "La signature numérisée est supprimée.")}
            >
              Supprimer la signature
            </button>
          ) : null}
        </p>
      </form>
      <ActionFeedback feedback={feedback} inlineFieldErrors />
    </div>
  );
}
