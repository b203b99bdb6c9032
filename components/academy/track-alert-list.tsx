"use client";

import { useState } from "react";
import { deleteTrackAlertAction, updateTrackAlertAction } from "@/lib/actions/track-alerts";
import { ActionFeedback, buttonClass, FieldError, inputClass, secondaryButtonClass } from "@/components/ui/action-feedback";
import { useAction } from "@/components/ui/use-action";
import { TRACK_ALERT_MESSAGE_MAX } from "@/lib/domain/track-alerts";
import type { AcademyAlertRow } from "@/lib/loaders/academy-alerts";

const danger = "rounded bg-error px-4 py-2 font-medium text-white hover:opacity-90 disabled:opacity-60";

/** R-OVS-3: the académie's alerts, each with «Modifier» (message and date) and «Supprimer» (after a confirmation). */
export function TrackAlertList({ alerts }: { alerts: AcademyAlertRow[] }) {
  // A deleted alert leaves the list: its confirmation is read out here, above the list.
  const [deleted, setDeleted] = useState<string | null>(null);
  return (
    <>
      <div aria-live="polite">
        {deleted ? (
          <p role="status" className="mt-3 rounded border-l-4 border-success bg-green-50 p-2 text-sm text-success">
            {deleted}
          </p>
        ) : null}
      </div>
      {alerts.length === 0 ? (
        <p className="mt-3 rounded border border-dashed border-gray-500 p-3">Aucune alerte pour le moment.</p>
      ) : (
        <ul className="mt-3 space-y-4" aria-label="Alertes de l'académie">
          {alerts.map((a) => (
            <TrackAlertItem key={a.id} alert={a} onDeleted={setDeleted} onAction={() => setDeleted(null)} />
          ))}
        </ul>
      )}
    </>
  );
}

function TrackAlertItem({ alert, onDeleted, onAction }: { alert: AcademyAlertRow; onDeleted: (message: string) => void; onAction: () => void }) {
  const [mode, setMode] = useState<"view" | "edit" | "confirm">("view");
  const act = useAction();
  const titleId = `alert-${alert.id}-title`;
  return (
    <li className="rounded border border-gray-300 bg-white p-4">
      <h3 id={titleId} className="font-bold">
        {alert.levelLabel} – {alert.voie}
      </h3>
      {mode === "edit" ? (
        <form
          className="mt-2 space-y-3"
          aria-label={`Modifier l'alerte ${alert.voie}`}
          onSubmit={(e) => {
            e.preventDefault();
            const fd = new FormData(e.currentTarget);
            act.run(
              () => updateTrackAlertAction(fd),
              (d) => {
                setMode("view");
                return d.changed ? "L'alerte est modifiée." : "Rien n'a changé.";
              },
            );
          }}
        >
          <input type="hidden" name="id" value={alert.id} />
          <div>
            <label htmlFor={`${alert.id}-message`} className="block font-medium">
              Message aux familles
            </label>
            <textarea
              id={`${alert.id}-message`}
              name="message"
              rows={3}
              required
              maxLength={TRACK_ALERT_MESSAGE_MAX}
              defaultValue={alert.message}
              className={inputClass}
              aria-invalid={act.errorOf("message") ? true : undefined}
              aria-describedby={act.errorOf("message") ? `${alert.id}-message-error` : undefined}
            />
            <FieldError id={`${alert.id}-message-error`} message={act.errorOf("message")} />
          </div>
          <div>
            <label htmlFor={`${alert.id}-dueOn`} className="block font-medium">
              À faire avant le
            </label>
            <input
              id={`${alert.id}-dueOn`}
              name="dueOn"
              type="date"
              required
              defaultValue={alert.dueOn}
              className={`${inputClass} max-w-[12rem]`}
              aria-invalid={act.errorOf("dueOn") ? true : undefined}
              aria-describedby={act.errorOf("dueOn") ? `${alert.id}-dueOn-error` : undefined}
            />
            <FieldError id={`${alert.id}-dueOn-error`} message={act.errorOf("dueOn")} />
          </div>
          <div className="flex flex-wrap gap-2">
            <button type="submit" className={buttonClass} disabled={act.pending}>
              Enregistrer les modifications
            </button>
            <button
              type="button"
              className={secondaryButtonClass}
              onClick={() => {
                act.setFeedback(null);
                setMode("view");
              }}
            >
              Annuler
            </button>
          </div>
        </form>
      ) : (
        <>
          <p className="mt-2 whitespace-pre-line">{alert.message}</p>
          <p className="mt-1">
            <span className="font-medium">À faire avant le : </span>
            {alert.dueOnLabel}
          </p>
          <p className="mt-1 text-sm text-muted">Dernière modification : {alert.updated}</p>
          {mode === "confirm" ? (
            <div role="group" aria-labelledby={`${alert.id}-confirm`} className="mt-3 rounded border-l-4 border-warning bg-orange-50 p-3">
              <p id={`${alert.id}-confirm`} className="font-medium text-warning">
                Supprimer l&apos;alerte «&nbsp;{alert.voie}&nbsp;» ? Les familles ne la verront plus.
              </p>
              <div className="mt-2 flex flex-wrap gap-2">
                <button
                  type="button"
                  className={danger}
                  disabled={act.pending}
                  onClick={() =>
                    act.run(
                      () => deleteTrackAlertAction({ id: alert.id }),
                      (d) => {
                        const message = d.deleted ? `L'alerte «\u00a0${alert.voie}\u00a0» est supprimée.` : "Cette alerte était déjà supprimée.";
                        onDeleted(message);
                        return message;
                      },
                    )
                  }
                >
                  Confirmer la suppression
                </button>
                <button type="button" className={secondaryButtonClass} onClick={() => setMode("view")}>
                  Annuler
                </button>
              </div>
            </div>
          ) : (
            <div className="mt-3 flex flex-wrap gap-2">
              <button
                type="button"
                className={secondaryButtonClass}
                aria-label={`Modifier l'alerte ${alert.levelLabel} – ${alert.voie}`}
                onClick={() => {
                  act.setFeedback(null);
                  onAction();
                  setMode("edit");
                }}
              >
                Modifier
              </button>
              <button
                type="button"
                className={secondaryButtonClass}
                aria-label={`Supprimer l'alerte ${alert.levelLabel} – ${alert.voie}`}
                onClick={() => {
                  act.setFeedback(null);
                  onAction();
                  setMode("confirm");
                }}
              >
                Supprimer
              </button>
            </div>
          )}
        </>
      )}
      <ActionFeedback feedback={act.feedback} inlineFieldErrors={mode === "edit"} />
    </li>
  );
}
