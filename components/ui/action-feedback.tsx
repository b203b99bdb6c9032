import type { Feedback } from "./use-action";

/**
 * The answer of an action, read out by screen readers (status for success, alert for errors).
 * Field errors are listed under the message, unless the form shows each next to its input.
 */
export function ActionFeedback({ feedback, id, inlineFieldErrors = false }: { feedback: Feedback; id?: string; inlineFieldErrors?: boolean }) {
  return (
    <div id={id} aria-live="polite" className="mt-2">
      {feedback?.kind === "success" ? (
        <p role="status" className="rounded border-l-4 border-success bg-green-50 p-2 text-sm text-success">
          {feedback.message}
        </p>
      ) : null}
      {feedback?.kind === "error" ? (
        inlineFieldErrors || !feedback.fieldErrors ? (
          <p role="alert" className="rounded border-l-4 border-error bg-red-50 p-2 text-sm text-error">
            {feedback.message}
          </p>
        ) : (
          <div role="alert" className="rounded border-l-4 border-error bg-red-50 p-2 text-sm text-error">
            <p>{feedback.message}</p>
            <ul className="list-disc pl-5">
              {[...new Set(Object.values(feedback.fieldErrors).flat())].map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </div>
        )
      ) : null}
    </div>
  );
}

/** A field's error, linked to its input by aria-describedby. */
export function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="mt-1 text-sm text-error">
      {message}
    </p>
  ) : null;
}

export const buttonClass = "rounded bg-france px-4 py-2 font-medium text-white hover:bg-france-hover disabled:opacity-60";
export const secondaryButtonClass = "rounded border border-france px-4 py-2 font-medium text-france hover:bg-france-light disabled:opacity-60";
export const inputClass = "mt-1 block w-full max-w-md rounded border border-gray-500 px-3 py-2";
