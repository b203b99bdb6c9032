import type { Metadata } from "next";
import { ParametersForm } from "@/components/academy/parameters-form";
import { loadAcademyParametersPage } from "@/lib/loaders/academy-parameters";

export const metadata: Metadata = { title: "Paramètres académiques" };

export default async function AcademyParametersPage() {
  const page = await loadAcademyParametersPage();
  return (
    <>
      <h1 className="text-2xl font-bold">Paramètres académiques</h1>
      <p className="mt-2 max-w-prose">{page.intro}</p>
      <div className="mt-6">
        <ParametersForm values={page.values} />
      </div>
    </>
  );
}
