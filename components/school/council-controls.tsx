"use client";

import { useRef, useState } from "react";
import { changeCouncilDateAction, openCouncilAction, resetCouncilAction } from "@/lib/actions/class-council";
import { ActionFeedback } from "@/components/ui/action-feedback";
import { useAction } from "@/components/ui/use-action";

const primary = "rounded bg-france px-4 py-2 font-medium text-white hover:bg-france-hover disabled:opacity-60";
const secondary = "rounded border border-france px-4 py-2 font-medium text-france hover:bg-france-light disabled:opacity-60";
const danger = "rounded bg-error px-4 py-2 font-medium text-white hover:opacity-90 disabled:opacity-60";

/**
 * R-SCH-3 / R-SCH-6: open the council of a phase, change its date, reset it (after a
 * confirmation). R-FIN-4: a final council set too close to the closing of the family service
 * shows the warning and asks a confirmation.
 */
export function CouncilControls({
  divisionId,
  divisionCode,
  phase = "provisional",
  open,
  scheduledAtInput,
  resetWarning,
  openConfirmation,
}: {
  divisionId: string;
  divisionCode: string;
  phase?: "provisional" | "final";
  open: boolean;
  scheduledAtInput: string;
  resetWarning: string;
  openConfirmation: { question: string; consequence: string };
}) {
  const final = phase === "final";
  const [pendingDate, setPendingDate] = useState("");
  const openAct = useAction();
  const dateAct = useAction();
  const resetAct = useAction();
  const [confirmingReset, setConfirmingReset] = useState(false);
  const openDialog = useRef<HTMLDialogElement>(null);

  return (
    <div className="space-y-6">
      {!open ? (
        <div>
          {final ? (
            <p className="max-w-prose text-sm">
              L&apos;ouverture du conseil de classe de la phase définitive permet de saisir les propositions. Dès l&apos;ouverture, les représentants légaux des
              élèves de la division ne peuvent plus saisir ni modifier de choix définitifs sur le service en ligne, et les choix définitifs affichés ici sont
              générés à partir des saisies en ligne reçues, en remplaçant ceux saisis par l&apos;établissement.
            </p>
          ) : (
            <p className="max-w-prose text-sm">
              L&apos;ouverture du conseil de classe permet de saisir les avis provisoires. Dès l&apos;ouverture, les représentants légaux des élèves de la
              division ne peuvent plus saisir ni modifier d&apos;intentions sur le service en ligne, et les intentions affichées ici sont générées à partir des
              saisies en ligne reçues, en remplaçant celles saisies par l&apos;établissement.
            </p>
          )}
          <button
            type="button"
            className={`${primary} mt-2`}
            disabled={openAct.pending}
            aria-haspopup="dialog"
            onClick={() => {
              openAct.setFeedback(null);
              openDialog.current?.showModal();
            }}
          >
            Ouvrir le conseil de classe
          </button>
          {/* R-SCH-3: the opening blocks every family of the division at once: a modal confirmation first (Échap or «Annuler» change nothing). */}
          <dialog
            ref={openDialog}
            aria-labelledby="open-council-question"
            aria-describedby="open-council-consequence"
            className="max-w-lg rounded border-t-4 border-warning p-5 shadow-lg backdrop:bg-black/40"
          >
            <h2 id="open-council-question" className="text-lg font-bold">
              {openConfirmation.question}
            </h2>
            <p id="open-council-consequence" className="mt-2">
              {openConfirmation.consequence}
            </p>
            <div className="mt-4 flex flex-wrap gap-2">
              <button
                type="button"
                className={primary}
                disabled={openAct.pending}
                onClick={() => {
                  openDialog.current?.close();
                  openAct.run(
                    () => openCouncilAction({ divisionId, phase }),
                    (d) =>
                      `Le conseil de classe de la division ${divisionCode} est ouvert. ${d.generated} ${final ? "saisie" : "demande"}${d.generated > 1 ? "s" : ""} de famille reprise${d.generated > 1 ? "s" : ""}.`,
                  );
                }}
              >
                Confirmer l&apos;ouverture
              </button>
              <button type="button" className={secondary} autoFocus onClick={() => openDialog.current?.close()}>
                Annuler
              </button>
            </div>
          </dialog>
        </div>
      ) : null}
      {/* Outside the conditional blocks: the message outlives the refresh that swaps them. */}
      <ActionFeedback feedback={openAct.feedback} />
      <ActionFeedback feedback={resetAct.feedback} />

      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          const scheduledAt = String(new FormData(e.currentTarget).get("scheduledAt") ?? "");
          setPendingDate(scheduledAt);
          dateAct.run(() => changeCouncilDateAction({ divisionId, phase, scheduledAt }), "La date du conseil de classe est enregistrée.");
        }}
      >
        <div>
          <label htmlFor="council-date" className="block font-medium">
            Date du conseil de classe
          </label>
          <input
            id="council-date"
            name="scheduledAt"
            type="datetime-local"
            defaultValue={scheduledAtInput}
            className="mt-1 rounded border border-gray-500 px-3 py-2"
            aria-describedby="council-date-help"
          />
          <p id="council-date-help" className="text-xs text-muted">
            Heure de Paris.
          </p>
        </div>
        <button type="submit" className={secondary} disabled={dateAct.pending}>
          Modifier la date
        </button>
        <div className="basis-full">
          {dateAct.feedback?.kind === "confirm" ? (
            <div role="alert" className="rounded border-l-4 border-warning bg-orange-50 p-3">
              <p className="font-medium text-warning">{dateAct.feedback.message}</p>
              <div className="mt-2 flex flex-wrap gap-2">
                <button
                  type="button"
                  className={danger}
                  disabled={dateAct.pending}
                  onClick={() =>
                    dateAct.run(
                      () => changeCouncilDateAction({ divisionId, phase, scheduledAt: pendingDate, confirmed: true }),
                      "La date du conseil de classe est enregistrée.",
                    )
                  }
                >
                  Confirmer la date
                </button>
                <button type="button" className={secondary} onClick={() => dateAct.setFeedback(null)}>
                  Annuler
                </button>
              </div>
            </div>
          ) : (
            <ActionFeedback feedback={dateAct.feedback} />
          )}
        </div>
      </form>

      {open ? (
        <div>
          {!confirmingReset ? (
            <button
              type="button"
              className={secondary}
              onClick={() => {
                resetAct.setFeedback(null);
                setConfirmingReset(true);
              }}
            >
              Réinitialiser le conseil de classe
            </button>
          ) : (
            <div role="group" aria-labelledby="reset-warning" className="rounded border-l-4 border-warning bg-orange-50 p-3">
              <p id="reset-warning" className="font-medium text-warning">
                {resetWarning}
              </p>
              <div className="mt-2 flex flex-wrap gap-2">
                <button
                  type="button"
                  className={danger}
                  disabled={resetAct.pending}
                  onClick={() =>
                    resetAct.run(
                      () => resetCouncilAction({ divisionId, phase, confirmed: true }),
                      (d) => {
                        setConfirmingReset(false);
                        return final
                          ? `Le conseil de classe est réinitialisé. ${d.deletedProposals} proposition${d.deletedProposals > 1 ? "s" : ""} supprimée${d.deletedProposals > 1 ? "s" : ""}.`
                          : `Le conseil de classe est réinitialisé. ${d.deletedOpinions} avis supprimé${d.deletedOpinions > 1 ? "s" : ""}.`;
                      },
                    )
                  }
                >
                  Confirmer la réinitialisation
                </button>
                <button type="button" className={secondary} onClick={() => setConfirmingReset(false)}>
                  Annuler
                </button>
              </div>
            </div>
          )}
        </div>
      ) : null}
    </div>
  );
}
