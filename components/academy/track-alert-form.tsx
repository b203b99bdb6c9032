"use client";

import { useRef, useState } from "react";
import { createTrackAlertAction } from "@/lib/actions/track-alerts";
import { ActionFeedback, buttonClass, FieldError, inputClass } from "@/components/ui/action-feedback";
import { useAction } from "@/components/ui/use-action";
import { TRACK_ALERT_MESSAGE_MAX, type TrackAlertChoice } from "@/lib/domain/track-alerts";
import type { Level } from "@/lib/domain/tracks";

/**
 * R-OVS-3: a new alert on a voie: the level, the voie, for the voies that have them a série (or
 * the whole voie), the message the families read as written, and the date before which to act.
 */
export function TrackAlertForm({ choices }: { choices: TrackAlertChoice[] }) {
  const { pending, feedback, run, errorOf } = useAction();
  const form = useRef<HTMLFormElement>(null);
  const [level, setLevel] = useState<Level>(choices[0]!.level);
  const tracks = choices.find((c) => c.level === level)!.tracks;
  const [track, setTrack] = useState<string>(tracks[0]!.code);
  const subTracks = tracks.find((t) => t.code === track)?.subTracks ?? [];
  const described = (name: string, help?: string) => {
    const ids = [help, errorOf(name) ? `alert-${name}-error` : undefined].filter(Boolean).join(" ");
    return { "aria-invalid": errorOf(name) ? (true as const) : undefined, "aria-describedby": ids || undefined };
  };
  return (
    <form
      ref={form}
      aria-labelledby="new-alert-title"
      className="space-y-4 rounded border border-gray-300 p-4"
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        run(
          () => createTrackAlertAction(fd),
          (d) => {
            if (d.changed) form.current?.reset();
            return d.changed ? "L'alerte est enregistrée. Les familles qui saisissent cette voie la voient." : "Cette alerte était déjà enregistrée.";
          },
        );
      }}
    >
      <h2 id="new-alert-title" className="text-xl font-bold">
        Nouvelle alerte
      </h2>
      <div>
        <label htmlFor="alert-level" className="block font-medium">
          Palier
        </label>
        <select
          id="alert-level"
          name="level"
          className={inputClass}
          value={level}
          onChange={(e) => {
            const next = e.target.value as Level;
            setLevel(next);
            setTrack(choices.find((c) => c.level === next)!.tracks[0]!.code);
          }}
          {...described("level")}
        >
          {choices.map((c) => (
            <option key={c.level} value={c.level}>
              {c.levelLabel}
            </option>
          ))}
        </select>
        <FieldError id="alert-level-error" message={errorOf("level")} />
      </div>
      <div>
        <label htmlFor="alert-track" className="block font-medium">
          Voie
        </label>
        <select id="alert-track" name="track" className={inputClass} value={track} onChange={(e) => setTrack(e.target.value)} {...described("track")}>
          {tracks.map((t) => (
            <option key={t.code} value={t.code}>
              {t.label}
            </option>
          ))}
        </select>
        <FieldError id="alert-track-error" message={errorOf("track")} />
      </div>
      {subTracks.length > 0 ? (
        <div>
          <label htmlFor="alert-subtrack" className="block font-medium">
            Série ou formation
          </label>
          <select id="alert-subtrack" name="subTrack" key={track} className={inputClass} defaultValue="" {...described("subTrack")}>
            <option value="">Toute la voie</option>
            {subTracks.map((s) => (
              <option key={s.code} value={s.code}>
                {s.label}
              </option>
            ))}
          </select>
          <FieldError id="alert-subTrack-error" message={errorOf("subTrack")} />
        </div>
      ) : null}
      <div>
        <label htmlFor="alert-message" className="block font-medium">
          Message aux familles
        </label>
        <p id="alert-message-help" className="text-sm text-muted">
          Affiché tel quel aux familles qui saisissent cette voie, et dans leur courriel récapitulatif ({TRACK_ALERT_MESSAGE_MAX.toLocaleString("fr-FR")}{" "}
          caractères au plus). Par exemple : «&nbsp;Dossier de candidature à déposer auprès du lycée d&apos;accueil&nbsp;».
        </p>
        <textarea
          id="alert-message"
          name="message"
          rows={3}
          required
          maxLength={TRACK_ALERT_MESSAGE_MAX}
          className={inputClass}
          {...described("message", "alert-message-help")}
        />
        <FieldError id="alert-message-error" message={errorOf("message")} />
      </div>
      <div>
        <label htmlFor="alert-dueOn" className="block font-medium">
          À faire avant le
        </label>
        <input id="alert-dueOn" name="dueOn" type="date" required className={`${inputClass} max-w-[12rem]`} {...described("dueOn")} />
        <FieldError id="alert-dueOn-error" message={errorOf("dueOn")} />
      </div>
      <p>
        <button type="submit" disabled={pending} className={buttonClass}>
          Enregistrer l&apos;alerte
        </button>
      </p>
      <ActionFeedback feedback={feedback} inlineFieldErrors />
    </form>
  );
}
