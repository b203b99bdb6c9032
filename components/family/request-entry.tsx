"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, useTransition, type ReactNode } from "react";
import { validateFinalChoicesAction, validateIntentionsAction } from "@/lib/actions/family";
import {
  addIntention,
  cancelEntry,
  canAddIntention,
  canCancelAll,
  changeIntention,
  ENTRY_WORDING,
  entryControls,
  freeTextLabel,
  fullItem,
  HELP_FREE_TEXT,
  INTENTION_FREE_TEXT_MAX,
  INTENTIONS_LEAD,
  intentionDetailLines,
  moveIntention,
  MUST_SELECT_TRACK_MESSAGE,
  RANK_HINT,
  removeIntention,
  STATUS_APPRENTICE_LABEL,
  STATUS_SCHOOL_LABEL,
  type EntryLimits,
  type Intention,
} from "@/lib/domain/intentions";
import { enteredByText } from "@/lib/domain/family-page";
import { requestItemKey, type RequestRules } from "@/lib/domain/request-items";
import { describeTrack, type Phase } from "@/lib/domain/tracks";
import { HelpToggle } from "./help-toggle";
import { IntentionSummary } from "./intention-summary";
import { TrackAlertNotices } from "./track-alerts";
import { useEntryTexts } from "./entry-voice";

/*
 * The entry of a family's request (R-INT-2..7, R-FIN-3, R-2GT-1..5), shared by the 3e editor
 * (intentions-editor.tsx) and the 2de GT one (request-editor-2gt.tsx): the state machine
 * (useRequestEntry) and the screens around the dialog (RequestEntryView). Each editor brings its
 * draft (what its dialog edits) and the dialog's body; the rules are lib/domain's.
 */

const btn =
  "inline-flex items-center gap-1 rounded border px-3 py-1.5 text-sm font-medium disabled:cursor-not-allowed disabled:border-gray-300 disabled:text-gray-600 disabled:bg-gray-100";
export const btnSecondary = `${btn} border-france text-france bg-white hover:bg-france-light`;
export const btnPrimary = `${btn} border-france bg-france text-white hover:bg-france-hover`;

export type EntryDraft = { track: string | null };
export type EntryDialog<D extends EntryDraft> = { index: number | null; draft: D; error: string | null; announce: string };
type Notice = { kind: "success" | "error"; text: string } | null;
type Wording = (typeof ENTRY_WORDING)[Phase];

/** The voie's label in the list and the announcements: the série or target included (R-2GT-1). */
const itemLabel = (i: Intention) => describeTrack({ track: i.track, subTrack: i.subTrack ?? "" });

/**
 * The entry's state machine. Everything stays in the browser until «Valider» (R-INT-6), which sends
 * the whole list to one server action; after a validation the recap is shown, with «Modifier»
 * (R-INT-7); "Annuler" then gives back the last validated entry. `limits` and `rules` are the level's
 * (none: the 3e defaults of lib/domain/intentions.ts).
 */
export function useRequestEntry<D extends EntryDraft>(options: {
  studentId: string;
  validated: Intention[] | null;
  phase: Phase;
  limits?: EntryLimits;
  rules?: RequestRules;
  emptyDraft: D;
  /** The draft of an item of the entry, when the dialog opens on it. */
  draftOf: (item: Intention) => D;
  /** The item the dialog describes, once a voie is chosen. */
  itemOfDraft: (draft: D & { track: string }) => Intention;
}) {
  const { phase, limits, rules } = options;
  const router = useRouter();
  const w: Wording = ENTRY_WORDING[phase];
  const validateAction = phase === "final" ? validateFinalChoicesAction : validateIntentionsAction;
  const [validated, setValidated] = useState<Intention[] | null>(options.validated);
  const [entry, setEntry] = useState<Intention[]>(options.validated ?? []);
  const [editing, setEditing] = useState(options.validated === null);
  const [notice, setNotice] = useState<Notice>(null);
  const [announce, setAnnounce] = useState("");
  const [dialog, setDialog] = useState<EntryDialog<D> | null>(null);
  // R-INT-1 / R-FIN-3: the other guardian validated first: the page shows their entry, read-only.
  const [heldBy, setHeldBy] = useState<{ holderName: string; validatedAt: Date } | null>(null);
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
    setDialog({ index, draft: index === null ? options.emptyDraft : options.draftOf(entry[index]!), error: null, announce: "" });
  }

  function closeDialog() {
    const index = dialog?.index ?? null;
    setDialog(null);
    setFocusId(index === null ? ids.add : ids.item(index, "change"));
  }

  /** A change in the dialog: it clears the refusal (unless `keepError`) and says `announce` in the dialog. */
  function updateDraft(patch: Partial<D>, how: { announce?: string; keepError?: boolean } = {}) {
    if (!dialog) return;
    setDialog({ ...dialog, draft: { ...dialog.draft, ...patch }, error: how.keepError ? dialog.error : null, announce: how.announce ?? "" });
  }

  function submitDialog() {
    if (!dialog) return;
    const { draft, index } = dialog;
    if (draft.track === null) {
      setDialog({ ...dialog, error: MUST_SELECT_TRACK_MESSAGE });
      return;
    }
    const item = options.itemOfDraft({ ...draft, track: draft.track });
    const result = index === null ? addIntention(entry, item, limits, rules) : changeIntention(entry, index, item, limits, rules);
    if (!result.ok) {
      // R-INT-3 / R-2GT-1..3: the voie is refused, the dialog stays open and the entry goes on.
      setDialog({ ...dialog, error: result.message });
      return;
    }
    setEntry(result.entry);
    const at = index === null ? result.entry.length - 1 : index;
    setAnnounce(`${w.item} ${at + 1} : ${itemLabel(item)}${index === null ? ` ${w.added}` : ` ${w.changed}`}.`);
    setDialog(null);
    setFocusId(index === null && canAddIntention(result.entry, limits) ? ids.add : ids.item(at, "change"));
  }

  function move(index: number, direction: "up" | "down") {
    const next = moveIntention(entry, index, direction);
    const to = direction === "up" ? index - 1 : index + 1;
    setEntry(next);
    setAnnounce(`${itemLabel(next[to]!)} : désormais ${w.itemLower} ${to + 1}.`);
    const c = entryControls(next, to);
    setFocusId(ids.item(to, direction === "up" ? (c.moveUp ? "up" : "down") : c.moveDown ? "down" : "up"));
  }

  function remove(index: number) {
    const removed = entry[index]!;
    const next = removeIntention(entry, index);
    setEntry(next);
    setAnnounce(`${itemLabel(removed)} : ${w.itemLower} ${w.removed}.`);
    setFocusId(canAddIntention(next, limits) ? ids.add : ids.item(0, "change"));
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
      const result = await validateAction({ studentId: options.studentId, intentions: entry.map(fullItem) });
      if (!result.ok) {
        // The entry stays on screen: nothing typed is lost (a closed service, a refused voie…).
        setNotice({ kind: "error", text: result.message });
      } else if (result.data.outcome === "hand_taken") {
        // R-INT-1 / R-FIN-3: the other guardian's validation came first: nothing of ours was saved,
        // the page turns read-only on the holder's entry, with the message (no reload needed).
        const { held } = result.data;
        const items = held.items.map(fullItem);
        setHeldBy({ holderName: held.holderName, validatedAt: new Date(held.validatedAt) });
        setValidated(items);
        setEntry(items);
        setEditing(false);
        setAnnounce("");
        setNotice({ kind: "error", text: result.data.message });
      } else {
        // The items as the page holds them (the server's carry their rank, which a new validation must not send back).
        const items = result.data.items.map(fullItem);
        setValidated(items);
        setEntry(items);
        setEditing(false);
        setNotice({ kind: "success", text: w.validated });
        setFocusId(ids.modify);
        router.refresh();
      }
    });
  }

  /** R-INT-7: «Modifier» on the recap reopens the validated entry (not the other guardian's). */
  function modify() {
    if (!validated || heldBy) return;
    setEntry(validated);
    setEditing(true);
    setNotice(null);
    setFocusId(ids.add);
  }

  return {
    phase,
    w,
    uid,
    ids,
    entry,
    validated,
    editing,
    heldBy,
    notice,
    announce,
    dialog,
    dialogRef,
    pending,
    canAdd: canAddIntention(entry, limits),
    setFocusId,
    openDialog,
    closeDialog,
    updateDraft,
    submitDialog,
    move,
    remove,
    cancel,
    submit,
    modify,
  };
}

export type RequestEntry<D extends EntryDraft> = ReturnType<typeof useRequestEntry<D>>;

function NoticeBox({ notice }: { notice: Notice }) {
  return notice ? (
    <div
      role={notice.kind === "error" ? "alert" : "status"}
      className={`mt-4 rounded border-l-4 p-3 ${notice.kind === "error" ? "border-error bg-red-50" : "border-success bg-green-50"}`}
    >
      {notice.text}
    </div>
  ) : null;
}

/** R-INT-4: the entry by rank, each item with its Monter/Descendre/Modifier/Supprimer buttons. */
function EntryList<D extends EntryDraft>({ s, offered, listId }: { s: RequestEntry<D>; offered?: readonly string[]; listId?: string }) {
  const { w, ids, entry } = s;
  if (entry.length === 0) return <p className="mt-3 rounded border border-dashed border-gray-500 p-3 text-sm">{w.empty}</p>;
  const buttons = [
    { what: "up", verb: "Monter", icon: "↑", enabled: "moveUp", act: (i: number) => s.move(i, "up") },
    { what: "down", verb: "Descendre", icon: "↓", enabled: "moveDown", act: (i: number) => s.move(i, "down") },
    { what: "change", verb: "Modifier", icon: "→", enabled: "change", act: (i: number) => s.openDialog(i) },
    { what: "remove", verb: "Supprimer", icon: "✕", enabled: "remove", act: (i: number) => s.remove(i) },
  ] as const;
  return (
    <ol id={listId} className="mt-3 space-y-3" aria-label={w.listLabel}>
      {entry.map((item, i) => {
        const c = entryControls(entry, i);
        return (
          <li key={requestItemKey(fullItem(item))} className="rounded border border-gray-300 bg-white p-3">
            <h3 className="font-bold">
              {w.item} {i + 1}
            </h3>
            <p>{itemLabel(item)}</p>
            {intentionDetailLines(item, offered).map((line) => (
              <p key={line} className="text-sm text-muted">
                {line}
              </p>
            ))}
            <TrackAlertNotices item={item} />
            <div className="mt-2 flex flex-wrap gap-2">
              {buttons.map((b) => (
                <button
                  key={b.what}
                  id={ids.item(i, b.what)}
                  type="button"
                  className={btnSecondary}
                  disabled={!c[b.enabled]}
                  onClick={() => b.act(i)}
                  aria-label={`${b.verb} ${w.itemArticle} ${i + 1}`}
                >
                  <span aria-hidden="true">{b.icon}</span> {b.verb}
                </button>
              ))}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

/** R-INT-6: «Tout annuler» (or «Annuler» back to the validated entry) and «Valider». */
function EntryActionBar<D extends EntryDraft>({ s }: { s: RequestEntry<D> }) {
  return (
    <div className="mt-4 flex flex-wrap gap-3 border-t border-gray-300 pt-4">
      <button type="button" className={btnSecondary} disabled={s.validated ? false : !canCancelAll(s.entry)} onClick={s.cancel}>
        {s.validated ? "Annuler" : "Tout annuler"}
      </button>
      <button type="button" className={btnPrimary} disabled={s.pending} onClick={s.submit}>
        {s.pending ? "Validation en cours…" : s.w.validate}
      </button>
    </div>
  );
}

/**
 * The modal dialog in which one item is chosen: its title, the editor's fields (`children`), the
 * refusal and «Annuler la sélection» / «Valider la sélection». Escape closes it like «Annuler la
 * sélection»; the focus goes back to the button that opened it. `announces`: a live region of its own
 * for what the fields say (`dialog.announce`).
 */
function EntryDialogShell<D extends EntryDraft>({
  s,
  className,
  announces,
  children,
}: {
  s: RequestEntry<D>;
  className: string;
  announces: boolean;
  children: (dialog: EntryDialog<D>) => ReactNode;
}) {
  const { dialog, ids, w, dialogRef } = s;
  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={ids.dialogTitle}
      className={className}
      onCancel={(e) => {
        e.preventDefault();
        s.closeDialog();
      }}
    >
      {dialog ? (
        <form
          className="p-4"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            s.submitDialog();
          }}
        >
          {announces ? (
            <p className="sr-only" role="status" aria-live="polite">
              {dialog.announce}
            </p>
          ) : null}
          <h2 id={ids.dialogTitle} className="text-lg font-bold">
            {dialog.index === null ? w.addTitle : `Modifier ${w.itemArticle} ${dialog.index + 1}`}
          </h2>
          {children(dialog)}
          {dialog.error ? (
            <p id={ids.dialogError} role="alert" className="mt-3 rounded border-l-4 border-error bg-red-50 p-2 text-sm">
              {dialog.error}
            </p>
          ) : null}
          <div className="mt-4 flex flex-wrap justify-end gap-3">
            <button type="button" className={btnSecondary} onClick={() => s.closeDialog()}>
              Annuler la sélection
            </button>
            <button type="submit" className={btnPrimary}>
              Valider la sélection
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}

/**
 * The whole entry: the recap of the validated items with «Modifier» (R-INT-7), or the entry being
 * made (list, «Ajouter», notice, action bar), and the dialog whose fields the editor renders.
 */
export function RequestEntryView<D extends EntryDraft>({
  s,
  offered,
  listId,
  dialogClassName,
  dialogAnnounces = false,
  children,
}: {
  s: RequestEntry<D>;
  /** The lycée's spécialités (2de GT): the others are marked «hors établissement». */
  offered?: readonly string[];
  listId?: string;
  dialogClassName: string;
  dialogAnnounces?: boolean;
  children: (dialog: EntryDialog<D>) => ReactNode;
}) {
  const { w, ids, validated } = s;
  return (
    <div>
      <p className="sr-only" role="status" aria-live="polite">
        {s.announce}
      </p>
      {!s.editing && validated ? (
        <>
          <p className="mt-3 font-medium">{INTENTIONS_LEAD}</p>
          {s.heldBy ? <p className="mt-3 rounded border-l-4 border-france bg-france-light p-3">{enteredByText(s.heldBy, s.phase)}.</p> : null}
          <IntentionSummary
            items={validated}
            offered={offered}
            label={w.item}
            listLabel={s.phase === "final" ? "Choix définitifs par ordre de préférence" : undefined}
          />
          <NoticeBox notice={s.notice} />
          {s.heldBy ? null : (
            <p className="mt-4">
              <button id={ids.modify} type="button" className={btnPrimary} onClick={s.modify}>
                {w.modify}
              </button>
            </p>
          )}
        </>
      ) : (
        <>
          <p className="mt-3 font-medium">{INTENTIONS_LEAD}</p>
          <p className="text-sm text-muted">{RANK_HINT}.</p>
          <EntryList s={s} offered={offered} listId={listId} />
          <div className="mt-4 flex flex-wrap gap-3">
            <button id={ids.add} type="button" className={btnSecondary} disabled={!s.canAdd} onClick={() => s.openDialog(null)}>
              {w.add}
            </button>
          </div>
          <NoticeBox notice={s.notice} />
          <EntryActionBar s={s} />
        </>
      )}
      <EntryDialogShell s={s} className={dialogClassName} announces={dialogAnnounces}>
        {children}
      </EntryDialogShell>
    </div>
  );
}

/**
 * R-INT-5: the free text and the statuses of a voie that takes them (2de pro and CAP after 3e, the
 * voie professionnelle after 2de GT), when the académie allows them.
 */
export function TrackDetailsFields({
  s,
  track,
  draft,
  onChange,
}: {
  s: { uid: string; ids: { freeText: string; freeTextHint: string } };
  track: string;
  draft: { freeText: string; statusSchool: boolean; statusApprentice: boolean };
  onChange: (patch: { freeText?: string; statusSchool?: boolean; statusApprentice?: boolean }) => void;
}) {
  const { uid, ids } = s;
  // R-AUTH-4: «votre enfant» on the guardians' pages, «vous» on the adult student's.
  const texts = useEntryTexts();
  return (
    <div className="mt-4 space-y-3 border-t border-gray-300 pt-3">
      <div>
        <label htmlFor={ids.freeText} className="block font-medium">
          {freeTextLabel(track)} (facultatif)
        </label>
        <div className="text-sm text-muted">
          <span id={ids.freeTextHint}>
            {texts.freeTextHint} ({INTENTION_FREE_TEXT_MAX} caractères au plus) :
          </span>
          <HelpToggle subject="métier ou formation" text={HELP_FREE_TEXT} />
        </div>
        <input
          id={ids.freeText}
          type="text"
          maxLength={INTENTION_FREE_TEXT_MAX}
          aria-describedby={ids.freeTextHint}
          value={draft.freeText}
          onChange={(e) => onChange({ freeText: e.target.value })}
          className="mt-1 block w-full rounded border border-gray-500 px-2 py-1.5"
        />
      </div>
      <fieldset>
        <legend className="font-medium">Statut envisagé (facultatif, les deux peuvent être cochés)</legend>
        {(
          [
            ["statusSchool", STATUS_SCHOOL_LABEL, texts.helpStatusSchool],
            ["statusApprentice", STATUS_APPRENTICE_LABEL, texts.helpStatusApprentice],
          ] as const
        ).map(([key, label, help]) => (
          <div key={key} className="mt-2 flex items-start gap-2">
            <input
              id={`${uid}-${key}`}
              type="checkbox"
              checked={draft[key]}
              onChange={(e) => onChange({ [key]: e.target.checked })}
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
  );
}

/**
 * The dialog's «Voie d'orientation» radios, each voie marked «(déjà saisie)» when the entry holds it
 * (R-INT-3). `help`: what follows each label (the 3e's help texts); `describedBy`: the refusal.
 */
export function VoieRadios<T extends string>({
  uid,
  tracks,
  labels,
  selected,
  taken,
  onPick,
  help,
  describedBy,
}: {
  uid: string;
  tracks: readonly T[];
  labels: Record<T, string>;
  selected: string | null;
  taken: (track: T) => boolean;
  onPick: (track: T) => void;
  help?: (track: T) => ReactNode;
  describedBy?: string;
}) {
  return (
    <fieldset className="mt-3" aria-describedby={describedBy}>
      <legend className="font-medium">Voie d&apos;orientation</legend>
      <div className="mt-2 space-y-2">
        {tracks.map((track) => {
          const id = `${uid}-track-${track}`;
          const label = (
            <label htmlFor={id} className={help ? undefined : "flex-1"}>
              {labels[track]}
              {taken(track) ? <span className="text-sm text-muted"> (déjà saisie)</span> : null}
            </label>
          );
          return (
            <div key={track} className="flex items-start gap-2">
              <input
                id={id}
                type="radio"
                name="track"
                value={track}
                checked={selected === track}
                onChange={() => onPick(track)}
                className="mt-0.5 h-5 w-5 shrink-0"
              />
              {help ? (
                <div className="flex-1">
                  {label}
                  {help(track)}
                </div>
              ) : (
                label
              )}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
