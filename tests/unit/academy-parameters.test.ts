import { describe, expect, it } from "vitest";
import { academyParametersSchema, parametersFromForm } from "@/lib/domain/academy-parameters";

const base = {
  allowTrackDetails: "on",
  senderEmail: "ne-pas-repondre@ac-grenoble.fr",
  appealDeadlineWorkingDays: "3",
  appealCommissionPresident: "M. le DASEN",
  appealCommissionAddress: "DSDEN de l'Isère",
};

describe("académie parameters", () => {
  it("R-INT-5 / R-2GT-5: unticked boxes mean «not allowed»; stage passerelle is off unless ticked", () => {
    const p = academyParametersSchema.parse(parametersFromForm(base));
    expect(p).toMatchObject({ allowTrackDetails: true, allowStagePasserelle: false, appealDeadlineWorkingDays: 3 });
    const q = academyParametersSchema.parse(parametersFromForm({ ...base, allowTrackDetails: undefined, allowStagePasserelle: "on" }));
    expect(q).toMatchObject({ allowTrackDetails: false, allowStagePasserelle: true });
  });

  it("R-FIN-11: the appeal deadline is a whole number of working days between 1 and 30", () => {
    for (const bad of ["0", "31", "2.5", "", "trois"]) {
      expect(academyParametersSchema.safeParse(parametersFromForm({ ...base, appealDeadlineWorkingDays: bad })).success, bad).toBe(false);
    }
    expect(academyParametersSchema.parse(parametersFromForm({ ...base, appealDeadlineWorkingDays: "5" })).appealDeadlineWorkingDays).toBe(5);
  });

  it("refuses a sender address that is not an e-mail address, in French", () => {
    const r = academyParametersSchema.safeParse(parametersFromForm({ ...base, senderEmail: "ac-grenoble" }));
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/^Saisissez une adresse électronique valide/);
  });
});
