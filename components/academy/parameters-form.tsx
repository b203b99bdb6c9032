"use client";

import { saveParametersAction } from "@/lib/actions/academy";
import { buttonClass, FieldError, ActionFeedback, inputClass } from "@/components/ui/action-feedback";
import { useAction } from "@/components/ui/use-action";
import { APPEAL_DEADLINE_MAX, APPEAL_DEADLINE_MIN, type AcademyParameters } from "@/lib/domain/academy-parameters";

/** The académie's parameters (R-INT-5, R-2GT-5, R-FIN-11, sender address, R-OVS-5 pages for families). */
export function ParametersForm({ values }: { values: AcademyParameters }) {
  const { pending, feedback, run, errorOf } = useAction();
  const described = (name: string) => (errorOf(name) ? { "aria-invalid": true as const, "aria-describedby": `${name}-error` } : {});
  return (
    <form
      className="space-y-6"
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        run(() => saveParametersAction(fd), "Les paramètres de l'académie sont enregistrés.");
      }}
    >
      <fieldset className="rounded border border-gray-300 p-4">
        <legend className="px-1 text-lg font-bold">Saisie des familles</legend>
        <div className="flex items-start gap-2">
          <input
            id="allowTrackDetails"
            name="allowTrackDetails"
            type="checkbox"
            defaultChecked={values.allowTrackDetails}
            className="mt-1 h-5 w-5"
            aria-describedby="allowTrackDetails-help"
          />
          <div>
            <label htmlFor="allowTrackDetails" className="font-medium">
              Autoriser la saisie libre du métier ou de la formation et du statut
            </label>
            <p id="allowTrackDetails-help" className="text-sm text-muted">
              Pour «&nbsp;2de professionnelle&nbsp;» et «&nbsp;1re année de CAP&nbsp;» : spécialité(s) ou famille(s) de métiers, sous statut scolaire ou sous
              statut d&apos;apprenti.
            </p>
          </div>
        </div>
        <div className="mt-4 flex items-start gap-2">
          <input
            id="allowStagePasserelle"
            name="allowStagePasserelle"
            type="checkbox"
            defaultChecked={values.allowStagePasserelle}
            className="mt-1 h-5 w-5"
            aria-describedby="allowStagePasserelle-help"
          />
          <div>
            <label htmlFor="allowStagePasserelle" className="font-medium">
              Permettre de demander un stage passerelle en ligne
            </label>
            <p id="allowStagePasserelle-help" className="text-sm text-muted">
              Seconde générale et technologique. Par défaut, non.
            </p>
          </div>
        </div>
      </fieldset>

      <fieldset className="rounded border border-gray-300 p-4">
        <legend className="px-1 text-lg font-bold">Courriels aux familles</legend>
        <label htmlFor="senderEmail" className="block font-medium">
          Adresse générique d&apos;expédition des courriels
        </label>
        <input
          id="senderEmail"
          name="senderEmail"
          type="email"
          required
          autoComplete="off"
          defaultValue={values.senderEmail}
          className={inputClass}
          {...described("senderEmail")}
        />
        <FieldError id="senderEmail-error" message={errorOf("senderEmail")} />
      </fieldset>

      <fieldset className="rounded border border-gray-300 p-4">
        <legend className="px-1 text-lg font-bold">Appel de la décision d&apos;orientation</legend>
        <label htmlFor="appealDeadlineWorkingDays" className="block font-medium">
          Délai d&apos;appel (en jours ouvrables à compter du lendemain de la réception de la notification)
        </label>
        <input
          id="appealDeadlineWorkingDays"
          name="appealDeadlineWorkingDays"
          type="number"
          min={APPEAL_DEADLINE_MIN}
          max={APPEAL_DEADLINE_MAX}
          step={1}
          required
          defaultValue={values.appealDeadlineWorkingDays}
          className={`${inputClass} max-w-[8rem]`}
          {...described("appealDeadlineWorkingDays")}
        />
        <FieldError id="appealDeadlineWorkingDays-error" message={errorOf("appealDeadlineWorkingDays")} />
        <label htmlFor="appealCommissionPresident" className="mt-4 block font-medium">
          Président de la commission d&apos;appel
        </label>
        <input
          id="appealCommissionPresident"
          name="appealCommissionPresident"
          type="text"
          defaultValue={values.appealCommissionPresident}
          className={inputClass}
          {...described("appealCommissionPresident")}
        />
        <FieldError id="appealCommissionPresident-error" message={errorOf("appealCommissionPresident")} />
        <label htmlFor="appealCommissionAddress" className="mt-4 block font-medium">
          Adresse de la commission d&apos;appel
        </label>
        <textarea
          id="appealCommissionAddress"
          name="appealCommissionAddress"
          rows={3}
          defaultValue={values.appealCommissionAddress}
          className={inputClass}
          {...described("appealCommissionAddress")}
        />
        <FieldError id="appealCommissionAddress-error" message={errorOf("appealCommissionAddress")} />
      </fieldset>

      <fieldset className="rounded border border-gray-300 p-4">
        <legend className="px-1 text-lg font-bold">Après la décision d&apos;orientation</legend>
        <label htmlFor="affectationUrl" className="block font-medium">
          Lien vers le service d&apos;affectation
        </label>
        <p id="affectationUrl-help" className="text-sm text-muted">
          Adresse commençant par https://, affichée aux familles une fois la décision prise («&nbsp;Prochaine étape : l&apos;affectation&nbsp;»). Laissez vide
          pour ne pas afficher de lien.
        </p>
        <input
          id="affectationUrl"
          name="affectationUrl"
          type="url"
          inputMode="url"
          autoComplete="off"
          placeholder="https://"
          defaultValue={values.affectationUrl}
          className={inputClass}
          aria-describedby={errorOf("affectationUrl") ? "affectationUrl-help affectationUrl-error" : "affectationUrl-help"}
          aria-invalid={errorOf("affectationUrl") ? true : undefined}
        />
        <FieldError id="affectationUrl-error" message={errorOf("affectationUrl")} />
      </fieldset>

      <fieldset className="rounded border border-gray-300 p-4">
        <legend className="px-1 text-lg font-bold">Pages de l&apos;académie pour les familles</legend>
        <p className="text-sm text-muted">
          Adresses commençant par https://, proposées aux familles sur leur page d&apos;accueil («&nbsp;Aide et ressources de l&apos;académie&nbsp;»). Laissez
          vide pour ne pas afficher de lien.
        </p>
        {(
          [
            ["resourcesUrl", "Page de ressources sur l'orientation", "https://www.ac-grenoble.fr/orientation"],
            ["assistanceUrl", "Page d'assistance aux familles", "https://www.ac-grenoble.fr/assistance"],
          ] as const
        ).map(([name, label, example]) => (
          <div key={name} className="mt-4">
            <label htmlFor={name} className="block font-medium">
              {label}
            </label>
            <p id={`${name}-help`} className="text-sm text-muted">
              Par exemple {example}
            </p>
            <input
              id={name}
              name={name}
              type="url"
              inputMode="url"
              autoComplete="off"
              placeholder="https://"
              defaultValue={values[name]}
              className={inputClass}
              aria-describedby={errorOf(name) ? `${name}-help ${name}-error` : `${name}-help`}
              aria-invalid={errorOf(name) ? true : undefined}
            />
            <FieldError id={`${name}-error`} message={errorOf(name)} />
          </div>
        ))}
      </fieldset>

      <p>
        <button type="submit" disabled={pending} className={buttonClass}>
          Enregistrer les paramètres
        </button>
      </p>
      <ActionFeedback feedback={feedback} inlineFieldErrors />
    </form>
  );
}
