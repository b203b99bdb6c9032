import { describe, expect, it } from "vitest";
import { intentionsRecapEmail, TRACK_ALERTS_HEADING } from "@/emails/intentions-recap";
import { parseActionInput } from "@/lib/actions/define-action";
import { guidance } from "@/lib/i18n/guidance";
import {
  alertsForItem,
  alertsForItems,
  formatFrenchDay,
  sortTrackAlerts,
  subTracksOf,
  trackAlertContentSchema,
  trackAlertCreateSchema,
  trackAlertMatches,
  trackAlertNotice,
  trackAlertScopeLabel,
  TRACK_ALERT_DATE_MESSAGE,
  TRACK_ALERT_MESSAGE_EMPTY,
  TRACK_ALERT_MESSAGE_FORBIDDEN,
  TRACK_ALERT_MESSAGE_TOO_LONG,
  TRACK_ALERT_NO_SUBTRACK_MESSAGE,
  TRACK_ALERT_SUBTRACK_MESSAGE,
  TRACK_ALERT_TRACK_MESSAGE,
  type TrackAlert,
} from "@/lib/domain/track-alerts";

const alert = (id: string, over: Partial<TrackAlert>): TrackAlert => ({
  id,
  level: "2GT",
  track: "1T",
  subTrack: "",
  message: `m-${id}`,
  dueOn: "2027-03-15",
  ...over,
});
const wholeT = alert("t", {});
const std2a = alert("std2a", { subTrack: "STD2A" });
const sthr = alert("sthr", { subTrack: "STHR" });
const pro3e = alert("pro", { level: "3e", track: "2PRO" });
const voiePro = alert("vp", { track: "VOIE_PRO", subTrack: "CAP" });
const ALL = [std2a, wholeT, sthr, pro3e, voiePro];

const valid = { level: "2GT", track: "1T", subTrack: "STD2A", message: "Dossier de candidature à déposer auprès du lycée d'accueil", dueOn: "2027-03-15" };
const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("R-OVS-3: which alerts an entered voie shows", () => {
  it("R-OVS-3: an alert on the whole voie matches every série of it; an alert on a série matches that série only", () => {
    expect(trackAlertMatches(wholeT, "2GT", { track: "1T", subTrack: "STMG" })).toBe(true);
    expect(trackAlertMatches(wholeT, "2GT", { track: "1T", subTrack: "" })).toBe(true);
    expect(trackAlertMatches(std2a, "2GT", { track: "1T", subTrack: "STD2A" })).toBe(true);
    expect(trackAlertMatches(std2a, "2GT", { track: "1T", subTrack: "STMG" })).toBe(false);
    expect(trackAlertMatches(std2a, "2GT", { track: "1T", subTrack: null })).toBe(false);
    expect(trackAlertMatches(std2a, "2GT", { track: "1G" })).toBe(false);
  });

  it("R-OVS-3: an alert of another level never matches (2PRO after 3e is not the voie pro's 2PRO after 2de GT)", () => {
    expect(trackAlertMatches(pro3e, "3e", { track: "2PRO" })).toBe(true);
    expect(trackAlertMatches(pro3e, "2GT", { track: "2PRO" })).toBe(false);
    expect(trackAlertMatches(voiePro, "2GT", { track: "VOIE_PRO", subTrack: "CAP" })).toBe(true);
    expect(trackAlertMatches(voiePro, "3e", { track: "CAP" })).toBe(false);
  });

  it("R-OVS-3: an item's alerts: the whole voie's first, then its série's", () => {
    expect(alertsForItem(ALL, "2GT", { track: "1T", subTrack: "STD2A" }).map((a) => a.id)).toEqual(["t", "std2a"]);
    expect(alertsForItem(ALL, "2GT", { track: "1G" })).toEqual([]);
  });

  it("R-OVS-3: a whole entry's alerts follow the entry's ranks, each alert once", () => {
    const items = [
      { track: "1G", subTrack: "" },
      { track: "1T", subTrack: "STHR" },
      { track: "VOIE_PRO", subTrack: "CAP" },
      { track: "1T", subTrack: "STD2A" },
    ];
    expect(alertsForItems(ALL, "2GT", items).map((a) => a.id)).toEqual(["t", "sthr", "vp", "std2a"]);
    expect(alertsForItems(ALL, "3e", [{ track: "2GT" }, { track: "2PRO" }]).map((a) => a.id)).toEqual(["pro"]);
    expect(alertsForItems([], "3e", [{ track: "2PRO" }])).toEqual([]);
  });

  it("R-OVS-3: the notice a family reads: the voie, the message as written, «avant le» and the day in French", () => {
    expect(trackAlertNotice(std2a)).toEqual({
      id: "std2a",
      voie: "1re technologique – série STD2A",
      message: "m-std2a",
      due: "avant le 15 mars 2027",
      dueDay: "15 mars 2027",
    });
    expect(trackAlertNotice(alert("x", { dueOn: "2027-04-01" })).due).toBe("avant le 1er avril 2027");
    expect(trackAlertScopeLabel(wholeT)).toBe("1re technologique (toute la voie)");
    expect(trackAlertScopeLabel(pro3e)).toBe("2de professionnelle");
    expect(trackAlertScopeLabel(voiePro)).toBe("Accès à la voie professionnelle : CAP");
  });

  it("R-OVS-3: French days: 1er, the months' names with their accents", () => {
    expect(formatFrenchDay("2027-02-01")).toBe("1er février 2027");
    expect(formatFrenchDay("2026-08-15")).toBe("15 août 2026");
    expect(formatFrenchDay("2026-12-31")).toBe("31 décembre 2026");
  });

  it("R-OVS-3: the académie's list is by level, then voie in the level's order, the whole voie before its séries", () => {
    expect(sortTrackAlerts(ALL).map((a) => a.id)).toEqual(["pro", "t", "std2a", "sthr", "vp"]);
  });
});

describe("R-OVS-3 with R-OVS-5: the words around an alert follow the family's language, the académie's message does not", () => {
  it("R-OVS-5: «Attention» and the date's sentence in French, English and Arabic, the day as written in French", () => {
    const n = trackAlertNotice(alert("x", { dueOn: "2027-03-01" }));
    expect(guidance("fr", "alert.due", { date: n.dueDay }).text).toBe("À faire avant le 1er mars 2027.");
    expect(guidance("en", "alert.due", { date: n.dueDay }).text).toBe("To be done before 1er mars 2027 (date in French).");
    expect(guidance("ar", "alert.due", { date: n.dueDay }).text).toContain("1er mars 2027");
    expect(guidance("en", "alert.attention").fr).toBe("Attention : ");
    expect(n.message).toBe("m-x");
  });
});

describe("R-OVS-3: the académie's alert form", () => {
  it("R-OVS-3: a valid alert on a série, on a whole voie, on a 3e voie", () => {
    expect(trackAlertCreateSchema.parse(valid)).toEqual(valid);
    expect(trackAlertCreateSchema.parse({ ...valid, subTrack: "" }).subTrack).toBe("");
    expect(trackAlertCreateSchema.parse({ ...valid, subTrack: undefined }).subTrack).toBe("");
    expect(trackAlertCreateSchema.parse({ ...valid, level: "3e", track: "CAP", subTrack: "" }).track).toBe("CAP");
    expect(trackAlertCreateSchema.parse({ ...valid, track: "VOIE_PRO", subTrack: "1PRO" }).subTrack).toBe("1PRO");
  });

  it("R-OVS-3: an unknown voie or série for the level is refused in French, on its field", () => {
    expect(issues(trackAlertCreateSchema.safeParse({ ...valid, level: "3e", track: "1T" }))).toEqual({ track: TRACK_ALERT_TRACK_MESSAGE });
    expect(issues(trackAlertCreateSchema.safeParse({ ...valid, track: "2PRO", subTrack: "" }))).toEqual({ track: TRACK_ALERT_TRACK_MESSAGE });
    expect(issues(trackAlertCreateSchema.safeParse({ ...valid, subTrack: "STX" }))).toEqual({ subTrack: TRACK_ALERT_SUBTRACK_MESSAGE });
    expect(issues(trackAlertCreateSchema.safeParse({ ...valid, track: "1G", subTrack: "STD2A" }))).toEqual({ subTrack: TRACK_ALERT_NO_SUBTRACK_MESSAGE });
    expect(issues(trackAlertCreateSchema.safeParse({ ...valid, level: "3e", track: "2GT", subTrack: "STHR" }))).toEqual({
      subTrack: TRACK_ALERT_NO_SUBTRACK_MESSAGE,
    });
    expect(trackAlertCreateSchema.safeParse({ ...valid, level: "1re" }).success).toBe(false);
    expect(trackAlertCreateSchema.safeParse({ ...valid, track: "constructor", subTrack: "" }).success).toBe(false);
    expect(subTracksOf("2GT", "1T")).toHaveProperty("STD2A", "STD2A");
    expect(subTracksOf("3e", "2GT")).toBeNull();
  });

  it("R-OVS-3: the message: required, 1000 characters at most, no control character; trimmed, line ends kept", () => {
    expect(issues(trackAlertContentSchema.safeParse({ message: "   ", dueOn: "2027-03-15" }))).toEqual({ message: TRACK_ALERT_MESSAGE_EMPTY });
    expect(issues(trackAlertContentSchema.safeParse({ dueOn: "2027-03-15" }))).toEqual({ message: TRACK_ALERT_MESSAGE_EMPTY });
    expect(issues(trackAlertContentSchema.safeParse({ message: "x".repeat(1001), dueOn: "2027-03-15" }))).toEqual({ message: TRACK_ALERT_MESSAGE_TOO_LONG });
    expect(TRACK_ALERT_MESSAGE_TOO_LONG).toBe("Le message ne peut pas dépasser 1\u202f000 caractères.");
    expect(trackAlertContentSchema.parse({ message: "x".repeat(1000), dueOn: "2027-03-15" }).message).toHaveLength(1000);
    expect(issues(trackAlertContentSchema.safeParse({ message: "Dossier\u0000", dueOn: "2027-03-15" }))).toEqual({ message: TRACK_ALERT_MESSAGE_FORBIDDEN });
    expect(issues(trackAlertContentSchema.safeParse({ message: "Dossier\u0085 à déposer", dueOn: "2027-03-15" }))).toEqual({
      message: TRACK_ALERT_MESSAGE_FORBIDDEN,
    });
    expect(trackAlertContentSchema.parse({ message: "  Dossier\r\nà déposer\t ", dueOn: "2027-03-15" }).message).toBe("Dossier\nà déposer");
  });

  it("R-OVS-3: the date is a real calendar day", () => {
    for (const bad of ["2027-02-30", "15/03/2027", "", "2027-3-5", "0000-01-01"]) {
      expect(issues(trackAlertContentSchema.safeParse({ message: "m", dueOn: bad })), bad).toEqual({ dueOn: TRACK_ALERT_DATE_MESSAGE });
    }
    expect(issues(trackAlertContentSchema.safeParse({ message: "m" }))).toEqual({ dueOn: TRACK_ALERT_DATE_MESSAGE });
    expect(trackAlertContentSchema.parse({ message: "m", dueOn: "2028-02-29" }).dueOn).toBe("2028-02-29");
  });

  it("R-OVS-3: a posted form goes through the actions' input checks: control characters refused before the schema, in French", () => {
    const fd = new FormData();
    for (const [k, v] of Object.entries({ ...valid, message: "Dossier\u0007" })) fd.append(k, v);
    const r = parseActionInput(trackAlertCreateSchema, fd);
    expect(r).toMatchObject({ ok: false, code: "FORBIDDEN_CHARACTERS", fieldErrors: { message: ["La saisie contient des caractères non autorisés."] } });
  });
});

describe("R-OVS-3: the recap e-mail", () => {
  const vars = {
    variant: "holder" as const,
    enteredBy: "Mme Claire Martin",
    enteredAt: "12/03/2027 à 09:50",
    studentName: "Léa Martin",
    items: [{ label: "1re technologique – série STD2A", details: [] }],
    school: { name: "Lycée Champollion", address: "1 cours", postalCode: "38000", city: "Grenoble", phone: "04", email: "l@example.fr" },
  };
  it("R-OVS-3: the alerts of the voies entered, in the text and the HTML (escaped), after the voies", () => {
    const alerts = [{ voie: "1re technologique – série STD2A", message: "Dossier <à déposer>\nau lycée", due: "avant le 15 mars 2027" }];
    const text = intentionsRecapEmail.text({ ...vars, alerts });
    expect(text).toContain(
      `Rang 1 : 1re technologique – série STD2A\n\n${TRACK_ALERTS_HEADING}\n- 1re technologique – série STD2A : Dossier <à déposer>\nau lycée (à faire avant le 15 mars 2027)`,
    );
    const html = intentionsRecapEmail.html({ ...vars, alerts });
    expect(html).toContain(
      "<strong>1re technologique – série STD2A</strong> : Dossier &lt;à déposer&gt;<br>au lycée <strong>(à faire avant le 15 mars 2027)</strong>",
    );
    expect(html.indexOf(TRACK_ALERTS_HEADING.replace("'", "&#39;"))).toBeGreaterThan(html.indexOf("Rang 1"));
  });
  it("R-OVS-3: no alert, no alert paragraph", () => {
    expect(intentionsRecapEmail.text({ ...vars, alerts: [] })).not.toContain(TRACK_ALERTS_HEADING);
    expect(intentionsRecapEmail.html(vars)).not.toContain("Attention");
  });
});
