"use client";

import { HELP_STHR, isDuplicate, normaliseIntention, TRACK_CODES_3E, type Intention } from "@/lib/domain/intentions";
import { trackTakesDetails, TRACKS_3E, type Track3e } from "@/lib/domain/tracks";
import { HelpToggle } from "./help-toggle";
import { RequestEntryView, TrackDetailsFields, useRequestEntry, VoieRadios } from "./request-entry";

type Draft = { track: Track3e | null; freeText: string; statusSchool: boolean; statusApprentice: boolean };

const EMPTY_DRAFT: Draft = { track: null, freeText: "", statusSchool: false, statusApprentice: false };

/**
 * R-INT-2..7: the entry of the intentions (or, R-FIN-3, of the final choices) after 3e. The list,
 * the buttons, the validation and the recap are the shared entry's (request-entry.tsx); this dialog
 * offers the voies of 3e and, R-INT-5, the free text and statuses of 2de pro and CAP.
 */
export function IntentionsEditor(props: { studentId: string; validated: Intention[] | null; allowDetails: boolean; phase?: "provisional" | "final" }) {
  const s = useRequestEntry<Draft>({
    studentId: props.studentId,
    validated: props.validated,
    phase: props.phase ?? "provisional",
    emptyDraft: EMPTY_DRAFT,
    draftOf: (item) => ({
      track: item.track as Track3e,
      freeText: item.freeText ?? "",
      statusSchool: item.statusSchool,
      statusApprentice: item.statusApprentice,
    }),
    itemOfDraft: (d) =>
      normaliseIntention({ track: d.track, freeText: d.freeText, statusSchool: d.statusSchool, statusApprentice: d.statusApprentice }, props.allowDetails),
  });
  const { uid, ids, entry } = s;

  return (
    <RequestEntryView s={s} listId={ids.list} dialogClassName="m-auto w-[calc(100%-1.5rem)] max-w-lg rounded border border-gray-300 p-0 backdrop:bg-black/50">
      {({ draft, index, error }) => (
        <>
          <VoieRadios
            uid={uid}
            tracks={TRACK_CODES_3E}
            labels={TRACKS_3E}
            selected={draft.track}
            taken={(track) => isDuplicate(entry, { track }, index ?? undefined)}
            onPick={(track) => s.updateDraft({ track })}
            help={(track) => (track === "2GT" ? <HelpToggle subject="2de STHR" text={HELP_STHR} /> : null)}
            describedBy={error ? ids.dialogError : undefined}
          />
          {/* R-INT-5: the free text and the status, for 2de pro and CAP, when the académie allows them. */}
          {props.allowDetails && draft.track != null && trackTakesDetails(draft.track) ? (
            <TrackDetailsFields s={s} track={draft.track} draft={draft} onChange={(patch) => s.updateDraft(patch, { keepError: true })} />
          ) : null}
        </>
      )}
    </RequestEntryView>
  );
}
