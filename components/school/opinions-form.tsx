"use client";

import { saveOpinionsAction } from "@/lib/actions/class-council";
import { OPINION_COMMENT_MAX, OPINION_LABELS, OPINION_VALUES, type OpinionValue } from "@/lib/domain/opinions";
import type { OpinionSheetStudent } from "@/lib/domain/school-division-page";
import { StickySaveBar } from "@/components/ui/sticky-save-bar";
import { useAction } from "@/components/ui/use-action";
import { deName } from "@/lib/domain/person-name";

export type { OpinionSheetStudent };

/**
 * R-SCH-7: the avis of a whole division on one screen. Built for the keyboard: Tab goes from an
 * avis to its recommendations to the next avis; in a list, typing F, R or D picks the avis.
 */
export function OpinionsForm({ divisionId, students }: { divisionId: string; students: OpinionSheetStudent[] }) {
  const act = useAction();
  const withItems = students.filter((s) => s.items.length > 0);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        const entries = withItems.flatMap((s) =>
          s.items.map((i) => ({
            itemId: i.itemId,
            value: (String(fd.get(`value:${i.itemId}`) ?? "") || null) as OpinionValue | null,
            comment: String(fd.get(`comment:${i.itemId}`) ?? "").trim() || null,
          })),
        );
        act.run(
          () => saveOpinionsAction({ divisionId, entries }),
          (d) =>
            d.changed === 0
              ? "Aucun avis n'a changé."
              : `Les avis provisoires sont enregistrés (${d.changed} modification${d.changed > 1 ? "s" : ""}).` +
                (d.familiesToInform > 0 ? ` ${d.familiesToInform} famille${d.familiesToInform > 1 ? "s" : ""} à informer.` : ""),
        );
      }}
    >
      {withItems.length === 0 ? <p>Aucune intention n&apos;est enregistrée pour les élèves de cette division.</p> : null}
      <div className="space-y-4">
        {students.map((s) => (
          <fieldset key={s.studentId} className="rounded border border-gray-300 p-3">
            <legend className="px-1 font-bold">{s.name}</legend>
            {s.items.length === 0 ? <p className="text-sm text-muted">Aucune intention.</p> : null}
            {s.nonTraitee ? (
              <details className="mb-2 text-sm" data-marker="non-traitee">
                <summary className="inline-flex cursor-pointer items-center gap-1 rounded border border-warning px-1.5 py-0.5 text-warning">
                  <span aria-hidden="true" className="font-bold">
                    ⊘
                  </span>
                  <span>Saisie non traitée</span>
                </summary>
                <p className="mt-1">
                  Saisie en ligne par {s.nonTraitee.enteredByName} le {s.nonTraitee.enteredAtText}, non traitée avant l&apos;ouverture du conseil de classe :
                </p>
                <ol className="list-decimal pl-5">
                  {s.nonTraitee.items.map((t) => (
                    <li key={t}>{t}</li>
                  ))}
                </ol>
              </details>
            ) : null}
            <ul className="space-y-3">
              {s.items.map((i) => (
                <li key={i.itemId} className="grid gap-2 md:grid-cols-[minmax(0,2fr)_12rem_minmax(0,3fr)] md:items-start">
                  <p className="text-sm">
                    <span className="font-medium">{i.rank} :</span> {i.label}
                  </p>
                  <div>
                    <label htmlFor={`value-${i.itemId}`} className="sr-only">
                      Avis sur l&apos;intention {i.rank} {deName(s.name)}
                    </label>
                    <select
                      id={`value-${i.itemId}`}
                      name={`value:${i.itemId}`}
                      defaultValue={i.value ?? ""}
                      className="w-full rounded border border-gray-500 px-2 py-1.5"
                    >
                      <option value="">— Pas d&apos;avis —</option>
                      {OPINION_VALUES.map((v) => (
                        <option key={v} value={v}>
                          {OPINION_LABELS[v]}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div>
                    <label htmlFor={`comment-${i.itemId}`} className="sr-only">
                      Recommandations pour l&apos;intention {i.rank} {deName(s.name)}
                    </label>
                    <input
                      id={`comment-${i.itemId}`}
                      name={`comment:${i.itemId}`}
                      defaultValue={i.comment ?? ""}
                      maxLength={OPINION_COMMENT_MAX}
                      placeholder="Recommandations (facultatif)"
                      className="w-full rounded border border-gray-500 px-2 py-1.5"
                    />
                  </div>
                </li>
              ))}
            </ul>
          </fieldset>
        ))}
      </div>
      {withItems.length > 0 ? <StickySaveBar pending={act.pending} label="Enregistrer les avis" feedback={act.feedback} /> : null}
    </form>
  );
}
