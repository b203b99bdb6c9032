import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CouncilControls } from "@/components/school/council-controls";
import { OpinionsForm, type OpinionSheetStudent } from "@/components/school/opinions-form";
import { can } from "@/lib/auth/policy";
import { requireRole } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { findDivisionScope } from "@/lib/db/repositories/scopes";
import { findCouncil } from "@/lib/db/repositories/school-councils";
import { findDivisionOptions, findStudentRows } from "@/lib/db/repositories/school-students";
import { formatParisDateTime, toParisInputValue } from "@/lib/domain/paris-time";
import { describeItemLong } from "@/lib/domain/school-requests";

export const metadata: Metadata = { title: "Division et conseil de classe" };

/** A division: its class council (R-SCH-3, R-SCH-6) and the avis of all its students on one screen (R-SCH-7). */
export default async function DivisionPage({ params }: { params: Promise<{ divisionId: string }> }) {
  const { actor } = await requireRole("head", "homeroom");
  const { divisionId } = await params;
  const db = await getDb();
  const scope = await findDivisionScope(db, divisionId);
  // R-SCH-14: another division than a homeroom teacher's own is a 404.
  if (!scope || !can(actor, "read:division", scope)) notFound();
  const canManage = can(actor, "manage:division", scope);
  const [[division], council, rows] = await Promise.all([
    findDivisionOptions(db, scope.schoolId, [divisionId]),
    findCouncil(db, divisionId, "provisional"),
    findStudentRows(db, { schoolId: scope.schoolId, filters: { divisionId } }),
  ]);
  if (!division) notFound();
  const open = council?.state === "open";
  const inProcedure = rows.filter((r) => !r.outOfProcedureReason);
  const opinionCount = inProcedure.reduce((n, r) => n + (r.request?.items.filter((i) => i.opinion).length ?? 0), 0);
  const sheet: OpinionSheetStudent[] = inProcedure.map((r) => ({
    studentId: r.id,
    name: `${r.lastName} ${r.firstName}`,
    nonTraitee: r.familyEntry?.nonTraitee
      ? { enteredByName: r.familyEntry.enteredByName, enteredAtText: formatParisDateTime(r.familyEntry.enteredAt), items: r.familyEntry.items.map(describeItemLong) }
      : null,
    items: (r.request?.items ?? []).map((i) => ({ itemId: i.id, rank: i.rank, label: describeItemLong(i), value: i.opinion?.value ?? null, comment: i.opinion?.comment ?? null })),
  }));

  return (
    <>
      <p className="text-sm"><Link href="/etablissement" className="text-france underline">Accueil établissement</Link></p>
      <h1 className="mt-2 text-2xl font-bold">Division {division.code}</h1>
      <p className="text-muted">{division.mefLabel} – {rows.length} élève{rows.length > 1 ? "s" : ""}, dont {inProcedure.length} dans la procédure</p>
      <p className="mt-1 text-sm">
        <Link href={`/etablissement/eleves?division=${division.id}`} className="text-france underline">Liste des élèves de la division</Link>
      </p>

      <section aria-labelledby="council-title" className="mt-6">
        <h2 id="council-title" className="text-xl font-bold">Conseil de classe – phase provisoire</h2>
        <p className="mt-1" data-council-state={open ? "open" : "planned"}>
          {open
            ? `Conseil de classe ouvert le ${formatParisDateTime(council!.openedAt!)}${council?.openedByName ? ` par ${council.openedByName}` : ""}.`
            : "Conseil de classe non ouvert : les familles peuvent saisir leurs intentions sur le service en ligne."}
          {council?.scheduledAt ? ` Date prévue : ${formatParisDateTime(council.scheduledAt)}.` : ""}
        </p>
        {canManage ? (
          <div className="mt-3">
            <CouncilControls divisionId={divisionId} divisionCode={division.code} open={open}
              scheduledAtInput={council?.scheduledAt ? toParisInputValue(council.scheduledAt) : ""} opinionCount={opinionCount} />
          </div>
        ) : null}
      </section>

      <section aria-labelledby="opinions-title" className="mt-8">
        <h2 id="opinions-title" className="text-xl font-bold">Avis provisoires du conseil de classe</h2>
        {!open ? (
          <p className="mt-2">Les avis provisoires se saisissent après l&apos;ouverture du conseil de classe.</p>
        ) : canManage ? (
          <>
            <p className="mt-2 max-w-prose text-sm">
              Pour chaque intention : Favorable, Réservé ou Défavorable, et des recommandations si besoin. Les avis sont consultables par les
              familles le lendemain de la saisie. Si vous modifiez un avis après l&apos;accusé de réception, vous devrez informer la famille.
            </p>
            <div className="mt-3"><OpinionsForm divisionId={divisionId} students={sheet} /></div>
          </>
        ) : null}
      </section>
    </>
  );
}
