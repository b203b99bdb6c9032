"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { buttonClass, inputClass } from "@/components/ui/action-feedback";
import {
  IMPORT_MAX_BODY_BYTES,
  IMPORT_MAX_FILES,
  IMPORT_NO_FILE_MESSAGE,
  IMPORT_PAGE_PATH,
  IMPORT_TOO_LARGE_MESSAGE,
  IMPORT_UPLOAD_PATH,
  type ImportErrorView,
} from "@/lib/domain/siecle/import-view";

type UploadAnswer = { ok: true; importId: string } | { ok: false; errors: ImportErrorView[] };

const UNEXPECTED: ImportErrorView[] = [{ key: "0", where: "", message: "L'envoi des fichiers a échoué. Veuillez réessayer." }];

/**
 * R-DATA-1: the head chooses the Siècle exports (.xml or .zip, several at once) and sends them to
 * the upload route (not a server action: their 2 MB limit), with the upload's progress shown;
 * the answer is the preview's page, or the files' errors in an error summary that takes the focus.
 */
export function ImportUpload() {
  const router = useRouter();
  const [progress, setProgress] = useState<number | null>(null);
  const [errors, setErrors] = useState<ImportErrorView[] | null>(null);
  const summary = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (errors) summary.current?.focus();
  }, [errors]);

  function fail(list: ImportErrorView[]) {
    setProgress(null);
    setErrors(list);
  }

  function send(form: HTMLFormElement) {
    setErrors(null);
    const input = form.elements.namedItem("files") as HTMLInputElement;
    const chosen = [...(input.files ?? [])];
    if (chosen.length === 0) return fail([{ key: "0", where: "", message: IMPORT_NO_FILE_MESSAGE }]);
    if (chosen.length > IMPORT_MAX_FILES) return fail([{ key: "0", where: "", message: `Déposez ${IMPORT_MAX_FILES} fichiers au plus.` }]);
    // Checked before sending: a body over the limit is refused by the server without being read.
    if (chosen.reduce((n, f) => n + f.size, 0) > IMPORT_MAX_BODY_BYTES) return fail([{ key: "0", where: "", message: IMPORT_TOO_LARGE_MESSAGE }]);
    const body = new FormData();
    for (const f of chosen) body.append("files", f, f.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", IMPORT_UPLOAD_PATH);
    xhr.responseType = "text";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => fail(UNEXPECTED);
    xhr.onload = () => {
      let answer: UploadAnswer | null = null;
      try {
        answer = JSON.parse(xhr.responseText) as UploadAnswer;
      } catch {
        answer = null;
      }
      if (answer?.ok) {
        setProgress(null);
        router.push(`${IMPORT_PAGE_PATH}?import=${answer.importId}#apercu`);
      } else if (answer && !answer.ok) fail(answer.errors);
      else fail(xhr.status === 413 ? [{ key: "0", where: "", message: IMPORT_TOO_LARGE_MESSAGE }] : UNEXPECTED);
    };
    setProgress(0);
    xhr.send(body);
  }

  return (
    <div>
      {errors ? (
        <div
          ref={summary}
          tabIndex={-1}
          role="alert"
          aria-labelledby="import-errors-title"
          className="mb-4 rounded border-l-4 border-error bg-red-50 p-3 text-error"
        >
          <h3 id="import-errors-title" className="font-bold">
            {errors.length > 1 ? `Les fichiers n'ont pas été importés : ${errors.length} erreurs` : "Les fichiers n'ont pas été importés"}
          </h3>
          <ul className="mt-2 list-disc pl-5 text-sm">
            {errors.map((e) => (
              <li key={e.key}>
                {e.where ? <span className="font-medium">{e.where} : </span> : null}
                {e.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send(e.currentTarget);
        }}
      >
        <label htmlFor="import-files" className="block font-medium">
          Exports Siècle (fichiers .xml ou .zip, plusieurs à la fois, 25 Mo au plus en tout)
        </label>
        <p id="import-files-hint" className="mt-1 text-sm text-muted">
          ElevesSansAdresses, ResponsablesAvecAdresses (ou ResponsablesSansAdresses), Structures et Nomenclature, tels qu&apos;exportés de Siècle (Base élèves
          établissement).
        </p>
        <input
          id="import-files"
          name="files"
          type="file"
          multiple
          required
          accept=".xml,.zip,application/xml,text/xml,application/zip"
          aria-describedby="import-files-hint"
          className={`${inputClass} file:mr-3 file:rounded file:border-0 file:bg-france-light file:px-3 file:py-1`}
        />
        <p className="mt-3">
          <button type="submit" disabled={progress !== null} className={buttonClass}>
            Envoyer et afficher l&apos;aperçu
          </button>
        </p>
      </form>
      {progress !== null ? (
        <div className="mt-3">
          <label htmlFor="import-progress" className="block text-sm font-medium">
            Envoi des fichiers
          </label>
          <progress id="import-progress" max={100} value={progress} className="mt-1 w-full max-w-md">
            {progress} %
          </progress>
          <p aria-live="polite" className="text-sm">
            {progress < 100 ? `Envoi : ${progress} %` : "Fichiers reçus, lecture en cours…"}
          </p>
        </div>
      ) : null}
    </div>
  );
}
