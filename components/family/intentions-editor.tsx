"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, useTransition } from "react";
import { validateFinalChoicesAction, validateIntentionsAction } from "@/lib/actions/family";
import {
  addIntention,
  cancelEntry,
  canAddIntention,
  canCancelAll,
  changeIntention,
  ENTRY_WORDING,
  entryControls,
  FREE_TEXT_HINT,
  freeTextLabel,
  fullItem,
  HELP_FREE_TEXT,
  HELP_STATUS_APPRENTICE,
  HELP_STATUS_SCHOOL,
  HELP_STHR,
  INTENTION_FREE_TEXT_MAX,
  INTENTIONS_LEAD,
  intentionDetailLines,
  isDuplicate,
  moveIntention,
  MUST_SELECT_TRACK_MESSAGE,
  normaliseIntention,
  RANK_HINT,
  removeIntention,
  STATUS_APPRENTICE_LABEL,
  STATUS_SCHOOL_LABEL,
  TRACK_CODES_3E,
  type Intention,
} from "@/lib/domain/intentions";
import { describeTrack, trackTakesDetails, TRACKS_3E, type Track3e } from "@/lib/domain/tracks";
import { HelpToggle } from "./help-toggle";
import { IntentionSummary } from "./intention-summary";

type Draft = { track: Track3e | null; freeText: string; statusSchool: boolean; statusApprentice: boolean };
type DialogState = { index: number | null; draft: Draft; error: string | null } | null;
type Notice = { kind: "success" | "error"; text: string } | null;

const EMPTY_DRAFT: Draft = { track: null, freeText: "", statusSchool: false, statusApprentice: false };

const btn =
  "inline-flex items-center gap-1 rounded border px-3 py-1.5 text-sm font-medium disabled:cursor-not-allowed disabled:border-gray-300 disabled:text-gray-600 disabled:bg-gray-100";
const btnSecondary = `${btn} border-france text-france bg-white hover:bg-france-light`;
const btnPrimary = `${btn} border-france bg-france text-white hover:bg-france-hover`;

/**
 * R-INT-2..7: the entry of the intentions. Everything stays in the browser until «Valider les
 * intentions» (R-INT-6), which sends the whole list to one server action. After a validation the
 * recap is shown, with «Modifier les intentions» (R-INT-7); "Annuler" then gives back the last
 * validated entry.
 */
export function IntentionsEditor(props: { studentId: string; validated: Intention[] | null; allowDetails: boolean; phase?: "provisional" | "final" }) {
  const router = useRouter();
  const phase = props.phase ?? "provisional";
  const w = ENTRY_WORDING[phase];
  const validateAction = phase === "final" ? validateFinalChoicesAction : validateIntentionsAction;
  const [validated, setValidated] = useState<Intention[] | null>(props.validated);
  const [entry, setEntry] = useState<Intention[]>(props.validated ?? []);
  const [editing, setEditing] = useState(props.validated === null);
  const [notice, setNotice] = useState<Notice>(null);
  const [announce, setAnnounce] = useState("");
  const [dialog, setDialog] = useState<DialogState>(null);
  // Where the keyboard focus goes after the next render (moved item, reopened button…).
  const focusNext = useRef<string | null>(null);
  const setFocusId = (id: string) => {
    focusNext.current = id;
  };
  const [pending, startTransition] = useTransition();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const uid = useId();
  const ids = {
    add: `${uid}-add`,
    modify: `${uid}-modify`,
    list: `${uid}-list`,
    dialogTitle: `${uid}-dialog-title`,
    dialogError: `${uid}-dialog-error`,
    freeText: `${uid}-free-text`,
    freeTextHint: `${uid}-free-text-hint`,
    item: (i: number, what: string) => `${uid}-item-${i}-${what}`,
  };

  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });

  useEffect(() => {
    const d = dialogRef.current;
    if (!d) return;
    if (dialog && !d.open) d.showModal();
    if (!dialog && d.open) d.close();
  }, [dialog]);

  function openDialog(index: number | null) {
    setNotice(null);
    const current = index === null ? null : entry[index]!;
    setDialog({
      index,
      draft: current
        ? { track: current.track as Track3e, freeText: current.freeText ?? "", statusSchool: current.statusSchool, statusApprentice: current.statusApprentice }
        : EMPTY_DRAFT,
      error: null,
    });
  }

  function closeDialog(returnFocusTo?: string) {
    const index = dialog?.index ?? null;
    setDialog(null);
    setFocusId(returnFocusTo ?? (index === null ? ids.add : ids.item(index, "change")));
  }

  function submitDialog() {
    if (!dialog) return;
    const { draft, index } = dialog;
    if (!draft.track) {
      setDialog({ ...dialog, error: MUST_SELECT_TRACK_MESSAGE });
      return;
    }
    const item = normaliseIntention(
      { track: draft.track, freeText: draft.freeText, statusSchool: draft.statusSchool, statusApprentice: draft.statusApprentice },
      props.allowDetails,
    );
    const result = index === null ? addIntention(entry, item) : changeIntention(entry, index, item);
    if (!result.ok) {
      // R-INT-3: the voie is refused, the dialog stays open and the entry goes on.
      setDialog({ ...dialog, error: result.message });
      return;
    }
    setEntry(result.entry);
    const at = index === null ? result.entry.length - 1 : index;
    setAnnounce(`${w.item} ${at + 1} : ${describeTrack({ track: item.track, subTrack: "" })}${index === null ? ` ${w.added}` : ` ${w.changed}`}.`);
    setDialog(null);
    setFocusId(index === null ? (canAddIntention(result.entry) ? ids.add : ids.item(at, "change")) : ids.item(at, "change"));
  }

  function move(index: number, direction: "up" | "down") {
    const next = moveIntention(entry, index, direction);
    const to = direction === "up" ? index - 1 : index + 1;
    setEntry(next);
    setAnnounce(`${describeTrack({ track: next[to]!.track, subTrack: "" })} : désormais ${w.itemLower} ${to + 1}.`);
    const c = entryControls(next, to);
    setFocusId(ids.item(to, direction === "up" ? (c.moveUp ? "up" : "down") : c.moveDown ? "down" : "up"));
  }

  function remove(index: number) {
    const removed = entry[index]!;
    const next = removeIntention(entry, index);
    setEntry(next);
    setAnnounce(`${describeTrack({ track: removed.track, subTrack: "" })} : ${w.itemLower} ${w.removed}.`);
    setFocusId(canAddIntention(next) ? ids.add : ids.item(0, "change"));
  }

  function cancel() {
    setEntry(cancelEntry(validated));
    setNotice(null);
    if (validated) {
      // R-INT-6: back to the last validated entry.
      setEditing(false);
      setAnnounce(w.cancelled);
      setFocusId(ids.modify);
    } else {
      setAnnounce("Saisie annulée : tout a été supprimé.");
      setFocusId(ids.add);
    }
  }

  function submit() {
    if (entry.length === 0) {
      setNotice({ kind: "error", text: w.mustEnterOne });
      return;
    }
    startTransition(async () => {
      const result = await validateAction({ studentId: props.studentId, intentions: entry.map(fullItem) });
      if (result.ok) {
        // The items as the page holds them (the server's carry their rank, which a new validation must not send back).
        const items = result.data.items.map(fullItem);
        setValidated(items);
        setEntry(items);
        setEditing(false);
        setNotice({ kind: "success", text: w.validated });
        setFocusId(ids.modify);
        router.refresh();
      } else {
        // The entry stays on screen: nothing typed is lost (R-INT-1 when the hand was taken meanwhile).
        setNotice({ kind: "error", text: result.message });
      }
    });
  }

  const noticeBox = notice ? (
    <div
      role={notice.kind === "error" ? "alert" : "status"}
      className={`mt-4 rounded border-l-4 p-3 ${notice.kind === "error" ? "border-error bg-red-50" : "border-success bg-green-50"}`}
    >
      {notice.text}
    </div>
  ) : null;

  const draft = dialog?.draft;
  // R-INT-5: the free text and the status, for 2de pro and CAP, when the académie allows them.
  const showDetails = props.allowDetails && draft?.track != null && trackTakesDetails(draft.track);

  return (
    <div>
      <p className="sr-only" role="status" aria-live="polite">
        {announce}
      </p>
      {!editing && validated ? (
        <>
          <p className="mt-3 font-medium">{INTENTIONS_LEAD}</p>
          <IntentionSummary items={validated} label={w.item} listLabel={phase === "final" ? "Choix définitifs par ordre de préférence" : undefined} />
          {noticeBox}
          <p className="mt-4">
            <button
              id={ids.modify}
              type="button"
              className={btnPrimary}
              onClick={() => {
                setEntry(validated);
                setEditing(true);
                setNotice(null);
                setFocusId(ids.add);
              }}
            >
              {w.modify}
            </button>
          </p>
        </>
      ) : (
        <>
          <p className="mt-3 font-medium">{INTENTIONS_LEAD}</p>
          <p className="text-sm text-muted">{RANK_HINT}.</p>
          {entry.length === 0 ? (
            <p className="mt-3 rounded border border-dashed border-gray-500 p-3 text-sm">{w.empty}</p>
          ) : (
            <ol id={ids.list} className="mt-3 space-y-3" aria-label={w.listLabel}>
              {entry.map((item, i) => {
                const c = entryControls(entry, i);
                const label = describeTrack({ track: item.track, subTrack: "" });
                return (
                  <li key={item.track} className="rounded border border-gray-300 bg-white p-3">
                    <h3 className="font-bold">
                      {w.item} {i + 1}
                    </h3>
                    <p>{label}</p>
                    {intentionDetailLines(item).map((line) => (
                      <p key={line} className="text-sm text-muted">
                        {line}
                      </p>
                    ))}
                    <div className="mt-2 flex flex-wrap gap-2">
                      <button
                        id={ids.item(i, "up")}
                        type="button"
                        className={btnSecondary}
                        disabled={!c.moveUp}
                        onClick={() => move(i, "up")}
                        aria-label={`Monter ${w.itemArticle} ${i + 1}`}
                      >
                        <span aria-hidden="true">↑</span> Monter
                      </button>
                      <button
                        id={ids.item(i, "down")}
                        type="button"
                        className={btnSecondary}
                        disabled={!c.moveDown}
                        onClick={() => move(i, "down")}
                        aria-label={`Descendre ${w.itemArticle} ${i + 1}`}
                      >
                        <span aria-hidden="true">↓</span> Descendre
                      </button>
                      <button
                        id={ids.item(i, "change")}
                        type="button"
                        className={btnSecondary}
                        disabled={!c.change}
                        onClick={() => openDialog(i)}
                        aria-label={`Modifier ${w.itemArticle} ${i + 1}`}
                      >
                        <span aria-hidden="true">→</span> Modifier
                      </button>
                      <button
                        id={ids.item(i, "remove")}
                        type="button"
                        className={btnSecondary}
                        disabled={!c.remove}
                        onClick={() => remove(i)}
                        aria-label={`Supprimer ${w.itemArticle} ${i + 1}`}
                      >
                        <span aria-hidden="true">✕</span> Supprimer
                      </button>
                    </div>
                  </li>
                );
              })}
            </ol>
          )}
          <div className="mt-4 flex flex-wrap gap-3">
            <button id={ids.add} type="button" className={btnSecondary} disabled={!canAddIntention(entry)} onClick={() => openDialog(null)}>
              {w.add}
            </button>
          </div>
          {noticeBox}
          <div className="mt-4 flex flex-wrap gap-3 border-t border-gray-300 pt-4">
            <button type="button" className={btnSecondary} disabled={validated ? false : !canCancelAll(entry)} onClick={cancel}>
              {validated ? "Annuler" : "Tout annuler"}
            </button>
            <button type="button" className={btnPrimary} disabled={pending} onClick={submit}>
              {pending ? "Validation en cours…" : w.validate}
            </button>
          </div>
        </>
      )}

      <dialog
        ref={dialogRef}
        aria-labelledby={ids.dialogTitle}
        className="m-auto w-[calc(100%-1.5rem)] max-w-lg rounded border border-gray-300 p-0 backdrop:bg-black/50"
        onCancel={(e) => {
          e.preventDefault();
          closeDialog();
        }}
      >
        {dialog && draft ? (
          <form
            className="p-4"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              submitDialog();
            }}
          >
            <h2 id={ids.dialogTitle} className="text-lg font-bold">
              {dialog.index === null ? w.addTitle : `Modifier ${w.itemArticle} ${dialog.index + 1}`}
            </h2>
            <fieldset className="mt-3" aria-describedby={dialog.error ? ids.dialogError : undefined}>
              <legend className="font-medium">Voie d&apos;orientation</legend>
              <div className="mt-2 space-y-2">
                {TRACK_CODES_3E.map((track) => {
                  const id = `${uid}-track-${track}`;
                  const taken = isDuplicate(entry, { track }, dialog.index ?? undefined);
                  return (
                    <div key={track} className="flex items-start gap-2">
                      <input
                        id={id}
                        type="radio"
                        name="track"
                        value={track}
                        checked={draft.track === track}
                        onChange={() => setDialog({ ...dialog, draft: { ...draft, track }, error: null })}
                        className="mt-0.5 h-5 w-5 shrink-0"
                      />
                      <div className="flex-1">
                        <label htmlFor={id}>
                          {TRACKS_3E[track]}
                          {taken ? <span className="text-sm text-muted"> (déjà saisie)</span> : null}
                        </label>
                        {track === "2GT" ? <HelpToggle subject="2de STHR" text={HELP_STHR} /> : null}
                      </div>
                    </div>
                  );
                })}
              </div>
            </fieldset>

            {showDetails && draft.track ? (
              <div className="mt-4 space-y-3 border-t border-gray-300 pt-3">
                <div>
                  <label htmlFor={ids.freeText} className="block font-medium">
                    {freeTextLabel(draft.track)} (facultatif)
                  </label>
                  <div className="text-sm text-muted">
                    <span id={ids.freeTextHint}>
                      {FREE_TEXT_HINT} ({INTENTION_FREE_TEXT_MAX} caractères au plus) :
                    </span>
                    <HelpToggle subject="métier ou formation" text={HELP_FREE_TEXT} />
                  </div>
                  <input
                    id={ids.freeText}
                    type="text"
                    maxLength={INTENTION_FREE_TEXT_MAX}
                    aria-describedby={ids.freeTextHint}
                    value={draft.freeText}
                    onChange={(e) => setDialog({ ...dialog, draft: { ...draft, freeText: e.target.value } })}
                    className="mt-1 block w-full rounded border border-gray-500 px-2 py-1.5"
                  />
                </div>
                <fieldset>
                  <legend className="font-medium">Statut envisagé (facultatif, les deux peuvent être cochés)</legend>
                  {(
                    [
                      ["statusSchool", STATUS_SCHOOL_LABEL, HELP_STATUS_SCHOOL],
                      ["statusApprentice", STATUS_APPRENTICE_LABEL, HELP_STATUS_APPRENTICE],
                    ] as const
                  ).map(([key, label, help]) => (
                    <div key={key} className="mt-2 flex items-start gap-2">
                      <input
                        id={`${uid}-${key}`}
                        type="checkbox"
                        checked={draft[key]}
                        onChange={(e) => setDialog({ ...dialog, draft: { ...draft, [key]: e.target.checked } })}
                        className="mt-0.5 h-5 w-5 shrink-0"
                      />
                      <div className="flex-1">
                        <label htmlFor={`${uid}-${key}`}>{label}</label>
                        <HelpToggle subject={label} text={help} />
                      </div>
                    </div>
                  ))}
                </fieldset>
              </div>
            ) : null}

            {dialog.error ? (
              <p id={ids.dialogError} role="alert" className="mt-3 rounded border-l-4 border-error bg-red-50 p-2 text-sm">
                {dialog.error}
              </p>
            ) : null}
            <div className="mt-4 flex flex-wrap justify-end gap-3">
              <button type="button" className={btnSecondary} onClick={() => closeDialog()}>
                Annuler la sélection
              </button>
              <button type="submit" className={btnPrimary}>
                Valider la sélection
              </button>
            </div>
          </form>
        ) : null}
      </dialog>
    </div>
  );
}
