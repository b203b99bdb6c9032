import { personName } from "./person-name";
/*
 * R-FIN-13 «simulation d'accès»: from the final phase on, the head sees a student's family page
 * exactly as one guardian sees it, read-only. Pure: when it is available, whose page it is, and
 * the texts around it.
 */

export const SIMULATION_NOT_YET_MESSAGE = "La simulation d'accès est disponible à partir de la phase définitive.";
export const SIMULATION_NO_ACCOUNT_MESSAGE =
  "Ce représentant légal n'a pas de compte sur le service en ligne Orientation : il n'y a pas de page à simuler pour lui.";
export const SIMULATION_NO_GUARDIAN_MESSAGE = "L'élève n'a pas de représentant légal de ce rang.";

export type SimulationGuardian = { id: string; rank: number; civility: string | null; firstName: string; lastName: string; accountId: string | null };

export type SimulationPlan =
  { kind: "unavailable"; message: string } | { kind: "simulate"; guardian: SimulationGuardian & { accountId: string }; banner: string };

/** The rank asked in ?responsable= (1 by default; anything else than 1 or 2 is 1). */
export function simulationRank(param: string | undefined): 1 | 2 {
  return param === "2" ? 2 : 1;
}

/** The banner above the simulated page. */
export function simulationBanner(g: Pick<SimulationGuardian, "civility" | "firstName" | "lastName">): string {
  return `Simulation d'accès : vous consultez la page telle que la voit ${personName(g)}. Aucune saisie n'est possible.`;
}

/**
 * Available once the final window of the student's level (académie calendar) has opened: not
 * before (the provisional phase has its own tools), and a guardian needs an account to have a page.
 */
export function planSimulation(input: { finalOpensAt: Date | null; now: Date; guardians: readonly SimulationGuardian[]; rank: 1 | 2 }): SimulationPlan {
  if (!input.finalOpensAt || input.now < input.finalOpensAt) return { kind: "unavailable", message: SIMULATION_NOT_YET_MESSAGE };
  const g = input.guardians.find((x) => x.rank === input.rank);
  if (!g) return { kind: "unavailable", message: SIMULATION_NO_GUARDIAN_MESSAGE };
  if (!g.accountId) return { kind: "unavailable", message: SIMULATION_NO_ACCOUNT_MESSAGE };
  return { kind: "simulate", guardian: { ...g, accountId: g.accountId }, banner: simulationBanner(g) };
}

/** The switch between the guardians' pages. */
export function simulationSwitch(studentId: string, guardians: readonly SimulationGuardian[], rank: 1 | 2) {
  return [...guardians]
    .sort((a, b) => a.rank - b.rank)
    .map((g) => ({
      rank: g.rank,
      label: `Responsable ${g.rank} : ${personName(g)}`,
      href: `/etablissement/eleves/${studentId}/simulation?responsable=${g.rank}`,
      current: g.rank === rank,
    }));
}
