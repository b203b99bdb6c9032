import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ParametersForm } from "@/components/academy/parameters-form";
import { authorize } from "@/lib/auth/policy";
import { requireRole } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { findAcademyParameters } from "@/lib/db/repositories/academy-parameters";

export const metadata: Metadata = { title: "Paramètres académiques" };

export default async function AcademyParametersPage() {
  const { actor } = await requireRole("saio");
  const academy = await findAcademyParameters(await getDb(), actor.academyId!);
  if (!academy) notFound();
  authorize(actor, "manage:academy", { type: "academy", academyId: academy.id });
  return (
    <>
      <h1 className="text-2xl font-bold">Paramètres académiques</h1>
      <p className="mt-2 max-w-prose">Ces paramètres s&apos;appliquent à tous les établissements de l&apos;{academy.name.replace(/^Académie/, "académie")}.</p>
      <div className="mt-6">
        <ParametersForm
          values={{
            allowTrackDetails: academy.allowTrackDetails,
            allowStagePasserelle: academy.allowStagePasserelle,
            senderEmail: academy.senderEmail,
            appealDeadlineWorkingDays: academy.appealDeadlineWorkingDays,
            appealCommissionPresident: academy.appealCommissionPresident,
            appealCommissionAddress: academy.appealCommissionAddress,
          }}
        />
      </div>
    </>
  );
}
