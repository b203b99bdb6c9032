import { awaitedAgreements } from "./badges";
import { termLabel, type TermMode } from "./calendar";
import { formatIsoDay, REASON_LABELS, type DecisionSource } from "./decision";
import { OPINION_LABELS, type OpinionValue } from "./opinions";
import { formatParisDateTime } from "./paris-time";
import { specialtyDisplay, STAGE_PASSERELLE_LABEL } from "./request-items";
import { describeTrack, LEVEL_LABELS, type Level, type Phase, type TrackItem } from "./tracks";
import { deName, personName } from "./person-name";

/*
 * R-SCH-13: the fiche de dialogue of a student, as a pure view-model (lines of text in sections).
 * lib/pdf renders it; this file decides what it says. Every entry names who entered it and when
 * (seed 000: «Les nom et prénom du représentant légal ayant fait la saisie sont mentionnés ainsi
 * que la date de la saisie»).
 */

export type DialogueItem = TrackItem & { id?: string };

export type DialogueFormInput = {
  schoolYear: string;
  school: { name: string; uai: string; address: string; postalCode: string; city: string; phone: string; email: string; termMode: TermMode };
  academy: { appealCommissionPresident: string; appealCommissionAddress: string };
  student: {
    lastName: string;
    firstName: string;
    ine: string;
    birthDate: string;
    divisionCode: string;
    level: Level;
    outOfProcedureReason: string | null;
  };
  guardians: { rank: number; civility: string | null; firstName: string; lastName: string }[];
  /** R-2GT-4: the spécialités the student's lycée offers (the others are marked «hors établissement»); none after 3e. */
  offeredSpecialties?: string[];
  /** Back-office requests (school_requests), per phase. */
  requests: {
    phase: Phase;
    source: "family" | "school";
    enteredByName: string;
    enteredAt: Date;
    changedBySchoolName: string | null;
    changedBySchoolAt: Date | null;
    items: DialogueItem[];
  }[];
  /** Family entries received by the nightly transfer and not yet turned into a back-office request. */
  familyEntries: { phase: Phase; enteredByName: string; enteredAt: Date; items: DialogueItem[]; nonTraitee?: boolean }[];
  opinions: { itemId: string; value: OpinionValue; comment: string | null; enteredAt: Date; enteredByName: string }[];
  acknowledgement: { byName: string; at: Date } | null;
  proposals: {
    id: string;
    kind: "answer_to_choice" | "extra";
    choiceItemId: string | null;
    item: DialogueItem;
    answer: "yes" | "no" | null;
    motivation: string | null;
    enteredAt: Date;
    enteredByName: string;
    updatedAt?: Date;
    publishedAt?: Date | null;
  }[];
  answer: { source: "family" | "school"; kind: "accept" | "refuse_all"; acceptedProposalIds: string[]; answeredByName: string; answeredAt: Date } | null;
  agreements: { guardianName: string; agrees: boolean; answeredByName: string; answeredAt: Date; source?: "family" | "school" }[];
  decision: {
    item: DialogueItem;
    source: DecisionSource;
    differsFromRequest: boolean;
    /** R-FIN-11: the three grounds of a decision that differs from the family's request. */
    reasonKnowledge: string | null;
    reasonAbilities: string | null;
    reasonInterests: string | null;
    /** R-FIN-11: the day the family received the notice (Europe/Paris), and how. */
    notifiedOn: string | null;
    noticeChannel: "email" | "paper" | null;
    appealDeadline: string | null;
    decidedAt: Date;
    decidedByName: string;
    /** R-FIN-12: the droit au maintien, when the family used it. */
    maintienAt: Date | null;
    maintienByName: string | null;
  } | null;
  /** R-FIN-9: the interviews with the head, in any order. */
  interviews: {
    heldAt: Date;
    participants: string;
    outcome: "agreement" | "disagreement";
    agreedTrack: string | null;
    agreedSubTrack: string;
    notes: string | null;
    enteredByName: string;
  }[];
  /** R-FIN-9: the appeal request, the commission's date and its decision. */
  appeal: {
    requestedOn: string;
    requestedByName: string;
    commissionDate: string | null;
    outcome: "pending" | "upheld" | "changed";
    commissionTrack: string | null;
    commissionSubTrack: string;
    commissionNotes: string | null;
  } | null;
  signatoryName: string | null;
};

export type FormLine = { text: string; style?: "bold" | "muted"; indent?: 0 | 1 };
export type FormSection = { heading: string; lines: FormLine[] };
export type DialogueForm = {
  title: string;
  schoolLines: string[];
  studentLines: string[];
  sections: FormSection[];
  notice: string;
  signature: { caption: string; signatoryName: string | null };
};

export const DIALOGUE_FORM_TITLE = "Fiche de dialogue – Orientation";
export const PROCEDURE_NOTICE =
  "La procédure d'orientation ne s'applique pas au redoublement exceptionnel ni aux parcours particuliers : dans ces situations, contactez le chef d'établissement.";

/**
 * "2de professionnelle – Spécialité(s) ou famille(s) de métiers : cuisine – Sous statut scolaire";
 * "1re générale – Enseignements de spécialité : 1. Mathématiques, 2. …, 5. Arts : danse (hors établissement)";
 * "1re technologique – série STL option biotechnologies" (R-2GT-1..4).
 */
export function describeItem(item: DialogueItem, offered: readonly string[] = []): string {
  const parts = [describeTrack(item)];
  if (item.freeText) parts.push(`${item.track === "CAP" ? "Spécialité(s)" : "Spécialité(s) ou famille(s) de métiers"} : ${item.freeText}`);
  if (item.statusSchool) parts.push("Sous statut scolaire");
  if (item.statusApprentice) parts.push("Sous statut d'apprenti");
  if (item.specialties.length > 0) {
    parts.push(`Enseignements de spécialité : ${item.specialties.map((s, n) => `${n + 1}. ${specialtyDisplay(s, offered)}`).join(", ")}`);
  }
  if (item.stagePasserelle) parts.push(STAGE_PASSERELLE_LABEL);
  return parts.join(" – ");
}

function enteredBy(source: "family" | "school", name: string, at: Date): string {
  return source === "family"
    ? `Saisie en ligne par ${name} le ${formatParisDateTime(at)}`
    : `Saisie par l'établissement (${name}) le ${formatParisDateTime(at)}`;
}

function requestSection(input: DialogueFormInput, phase: Phase): { section: FormSection; items: DialogueItem[] } {
  const describe = (i: DialogueItem) => describeItem(i, input.offeredSpecialties);
  const what = phase === "provisional" ? "Intention(s) d'orientation" : "Choix définitif(s)";
  const heading = `${termLabel(phase, input.school.termMode)} : DEMANDE(S) DES REPRÉSENTANTS LÉGAUX / ${what}`;
  const req = input.requests.find((r) => r.phase === phase);
  const entry = input.familyEntries.find((e) => e.phase === phase);
  const lines: FormLine[] = [];
  let items: DialogueItem[] = [];
  if (req) {
    items = [...req.items].sort((a, b) => a.rank - b.rank);
    lines.push({ text: enteredBy(req.source, req.enteredByName, req.enteredAt), style: "muted" });
    if (req.changedBySchoolAt && req.changedBySchoolName) {
      lines.push({
        text: `Modifiée par l'établissement (${req.changedBySchoolName}) le ${formatParisDateTime(req.changedBySchoolAt)}, à la demande de la famille`,
        style: "muted",
      });
    }
  } else if (entry && !entry.nonTraitee) {
    items = [...entry.items].sort((a, b) => a.rank - b.rank);
    lines.push({ text: enteredBy("family", entry.enteredByName, entry.enteredAt), style: "muted" });
  }
  if (entry?.nonTraitee) {
    // R-SCH-4: validated online on the council's opening day; shown, but not the family's request.
    lines.push({
      text: `Saisie en ligne par ${entry.enteredByName} le ${formatParisDateTime(entry.enteredAt)}, non traitée (validée le jour de l'ouverture du conseil de classe) :`,
      style: "muted",
    });
    for (const it of [...entry.items].sort((a, b) => a.rank - b.rank)) lines.push({ text: `${it.rank}. ${describe(it)}`, style: "muted", indent: 1 });
  }
  if (items.length === 0) lines.push({ text: phase === "provisional" ? "Aucune intention saisie." : "Aucun choix définitif saisi." });
  for (const it of items) lines.push({ text: `${it.rank}. ${describe(it)}`, indent: 1 });
  return { section: { heading, lines }, items };
}

/** R-SCH-13: the whole fiche of one student. */
export function buildDialogueForm(input: DialogueFormInput): DialogueForm {
  const s = input.student;
  const guardianNames = [...input.guardians].sort((a, b) => a.rank - b.rank).map((g) => personName(g));
  const sections: FormSection[] = [];
  const describe = (i: DialogueItem) => describeItem(i, input.offeredSpecialties);

  if (s.outOfProcedureReason) {
    sections.push({ heading: "ÉLÈVE HORS PROCÉDURE", lines: [{ text: `Raison : ${s.outOfProcedureReason}` }] });
  }

  const provisional = requestSection(input, "provisional");
  sections.push(provisional.section);

  const opinionLines: FormLine[] = [];
  for (const it of provisional.items) {
    const o = it.id ? input.opinions.find((op) => op.itemId === it.id) : undefined;
    if (!o) continue;
    opinionLines.push({ text: `${it.rank}. ${describe(it)} : ${OPINION_LABELS[o.value]}`, indent: 1 });
    if (o.comment) opinionLines.push({ text: `Recommandations : ${o.comment}`, indent: 1 });
    opinionLines.push({ text: `Saisi par ${o.enteredByName} le ${formatParisDateTime(o.enteredAt)}`, style: "muted", indent: 1 });
  }
  if (opinionLines.length === 0) opinionLines.push({ text: "Aucun avis provisoire saisi." });
  sections.push({ heading: "AVIS PROVISOIRE(S) DU CONSEIL DE CLASSE", lines: opinionLines });

  sections.push({
    heading: "ACCUSÉ DE RÉCEPTION DES REPRÉSENTANTS LÉGAUX",
    lines: [
      input.acknowledgement
        ? { text: `Accusé de réception donné par ${input.acknowledgement.byName} le ${formatParisDateTime(input.acknowledgement.at)}` }
        : { text: "Pas d'accusé de réception." },
    ],
  });

  const final = requestSection(input, "final");
  sections.push(final.section);

  const proposalLines: FormLine[] = [];
  const byChoice = new Map(final.items.filter((i) => i.id).map((i) => [i.id!, i]));
  const ordered = [...input.proposals].sort((a, b) => (a.kind === b.kind ? a.item.rank - b.item.rank : a.kind === "answer_to_choice" ? -1 : 1));
  for (const p of ordered) {
    if (p.kind === "answer_to_choice") {
      const choice = (p.choiceItemId && byChoice.get(p.choiceItemId)) || p.item;
      proposalLines.push({ text: `Choix ${choice.rank}. ${describe(choice)} : ${p.answer === "yes" ? "Oui" : "Non"}`, indent: 1 });
    } else {
      proposalLines.push({ text: `Proposition du conseil de classe : ${describe(p.item)}`, indent: 1 });
    }
    if (p.motivation) proposalLines.push({ text: `Motivation : ${p.motivation}`, indent: 1 });
    const changed = p.updatedAt && p.updatedAt.getTime() !== p.enteredAt.getTime() ? `, modifiée le ${formatParisDateTime(p.updatedAt)}` : "";
    const published = p.publishedAt ? `, publiée à la famille le ${formatParisDateTime(p.publishedAt)}` : "";
    proposalLines.push({ text: `Saisie par ${p.enteredByName} le ${formatParisDateTime(p.enteredAt)}${changed}${published}`, style: "muted", indent: 1 });
  }
  if (proposalLines.length === 0) proposalLines.push({ text: "Aucune proposition saisie." });
  sections.push({ heading: "PROPOSITION(S) DU CONSEIL DE CLASSE", lines: proposalLines });

  const answerLines: FormLine[] = [];
  if (input.answer) {
    const a = input.answer;
    if (a.kind === "refuse_all") {
      answerLines.push({ text: "La famille refuse toutes les propositions du conseil de classe." });
    } else {
      for (const id of a.acceptedProposalIds) {
        const p = input.proposals.find((x) => x.id === id);
        const item = p ? (p.choiceItemId && byChoice.get(p.choiceItemId)) || p.item : undefined;
        answerLines.push({ text: `Proposition acceptée : ${item ? describe(item) : "proposition supprimée"}`, indent: 1 });
      }
    }
    answerLines.push({
      text:
        a.source === "family"
          ? `Réponse saisie en ligne par ${a.answeredByName} le ${formatParisDateTime(a.answeredAt)}`
          : `Réponse saisie par l'établissement (${a.answeredByName}) le ${formatParisDateTime(a.answeredAt)}`,
      style: "muted",
    });
    for (const g of input.agreements) {
      const by =
        g.source === "school"
          ? `saisi par l'établissement (${g.answeredByName}) le ${formatParisDateTime(g.answeredAt)}`
          : g.answeredByName === g.guardianName
            ? `le ${formatParisDateTime(g.answeredAt)}`
            : `saisi par ${g.answeredByName} le ${formatParisDateTime(g.answeredAt)}`;
      answerLines.push({ text: `${g.guardianName} : ${g.agrees ? "d'accord" : "pas d'accord"} avec cette réponse (${by})`, indent: 1 });
    }
    // R-FIN-7: every guardian but the one who answered says whether they agree.
    const awaited = awaitedAgreements(
      guardianNames,
      a.answeredByName,
      input.agreements.map((g) => g.guardianName),
      a.source,
    );
    if (awaited.count > 0) {
      answerLines.push({
        text: `Accord avec cette réponse attendu ${awaited.names.length > 0 ? deName(awaited.names.join(", ")) : "de l'autre représentant légal"}`,
        indent: 1,
      });
    }
    if (input.agreements.some((g) => !g.agrees) || a.kind === "refuse_all") {
      answerLines.push({ text: "Un entretien avec le chef d'établissement est nécessaire.", indent: 1 });
    }
  } else {
    answerLines.push({ text: "Pas de réponse de la famille." });
  }
  sections.push({ heading: "RÉPONSE DES REPRÉSENTANTS LÉGAUX", lines: answerLines });

  const disagreement = input.answer && (input.answer.kind === "refuse_all" || input.agreements.some((g) => !g.agrees));
  if (disagreement || input.interviews.length > 0)
    sections.push({ heading: "DÉSACCORD / ENTRETIEN AVEC LE CHEF D'ÉTABLISSEMENT", lines: interviewLines(input) });
  sections.push({ heading: "DÉCISION D'ORIENTATION", lines: decisionLines(input) });
  if (input.appeal) sections.push({ heading: "APPEL", lines: appealLines(input.appeal) });

  const sc = input.school;
  return {
    title: DIALOGUE_FORM_TITLE,
    schoolLines: [`${sc.name} (UAI ${sc.uai})`, `${sc.address}, ${sc.postalCode} ${sc.city} – ${sc.phone} – ${sc.email}`, `Année scolaire ${input.schoolYear}`],
    studentLines: [
      `Élève : ${s.lastName.toUpperCase()} ${s.firstName} – né(e) le ${formatDay(s.birthDate)} – INE ${s.ine}`,
      `Division : ${s.divisionCode} – ${LEVEL_LABELS[s.level]}`,
      `Représentant(s) légal(aux) : ${guardianNames.length > 0 ? guardianNames.join(", ") : "aucun"}`,
    ],
    sections,
    notice: PROCEDURE_NOTICE,
    signature: { caption: "Le chef d'établissement", signatoryName: input.signatoryName },
  };
}

/** R-FIN-9: each interview with the head: when, who took part, the outcome, the notes, who recorded it. */
function interviewLines(input: DialogueFormInput): FormLine[] {
  const lines: FormLine[] = [];
  for (const i of [...input.interviews].sort((a, b) => a.heldAt.getTime() - b.heldAt.getTime())) {
    lines.push({ text: `Entretien du ${formatParisDateTime(i.heldAt)}`, style: "bold" });
    lines.push({ text: `Participants : ${i.participants}`, indent: 1 });
    lines.push({
      text:
        i.outcome === "agreement" && i.agreedTrack
          ? `Issue : accord sur ${describeTrack({ track: i.agreedTrack, subTrack: i.agreedSubTrack })}`
          : "Issue : le désaccord demeure",
      indent: 1,
    });
    if (i.notes) lines.push({ text: `Observations : ${i.notes}`, indent: 1 });
    lines.push({ text: `Consigné par ${i.enteredByName}`, style: "muted", indent: 1 });
  }
  if (lines.length === 0) lines.push({ text: input.decision ? "Aucun entretien consigné." : "Entretien à mener avec le chef d'établissement." });
  return lines;
}

const CHANNEL_LABELS = { email: "envoi par courrier électronique", paper: "remise en main propre" } as const;

/** R-FIN-8 / R-FIN-11 / R-FIN-12: the voie, who took it, the three reasons, the notice and its deadline, the maintien. */
function decisionLines(input: DialogueFormInput): FormLine[] {
  const d = input.decision;
  if (!d) return [{ text: "Pas de décision d'orientation." }];
  const lines: FormLine[] = [{ text: describeItem(d.item, input.offeredSpecialties), style: "bold" }];
  lines.push({
    text:
      d.source === "commission"
        ? `Décision de la commission d'appel, enregistrée par ${d.decidedByName} le ${formatParisDateTime(d.decidedAt)}`
        : `Décision prise par ${d.decidedByName} le ${formatParisDateTime(d.decidedAt)}`,
    style: "muted",
  });
  lines.push({ text: d.differsFromRequest ? "Décision différente de la demande de la famille" : "Décision conforme à la demande de la famille" });
  const reasons: [string, string | null][] = [
    [REASON_LABELS.knowledge, d.reasonKnowledge],
    [REASON_LABELS.abilities, d.reasonAbilities],
    [REASON_LABELS.interests, d.reasonInterests],
  ];
  if (reasons.some(([, t]) => t)) {
    lines.push({ text: "Motifs de la décision :" });
    for (const [label, t] of reasons) if (t) lines.push({ text: `${label} : ${t}`, indent: 1 });
  }
  if (d.notifiedOn) lines.push({ text: `Notification reçue le ${formatIsoDay(d.notifiedOn)} (${CHANNEL_LABELS[d.noticeChannel ?? "email"]})` });
  else if (d.differsFromRequest && d.source !== "commission") lines.push({ text: "Notification à la famille en attente : le délai d'appel n'a pas commencé." });
  if (d.differsFromRequest && d.source !== "commission") {
    if (d.appealDeadline) lines.push({ text: `Délai pour faire appel : jusqu'au ${formatDay(d.appealDeadline)} inclus` });
    const commission = [input.academy.appealCommissionPresident, input.academy.appealCommissionAddress].filter(Boolean).join(" – ");
    if (commission) lines.push({ text: `Commission d'appel : ${commission}` });
  }
  if (d.maintienAt) {
    lines.push({
      text: `Maintien dans la classe d'origine demandé par la famille (enregistré par ${d.maintienByName ?? ""} le ${formatParisDateTime(d.maintienAt)})`,
    });
  }
  return lines;
}

/** R-FIN-9: the appeal: its request, the commission's date, the commission's decision. */
function appealLines(a: NonNullable<DialogueFormInput["appeal"]>): FormLine[] {
  const lines: FormLine[] = [{ text: `Appel demandé par la famille le ${formatIsoDay(a.requestedOn)}` }];
  lines.push({ text: `Enregistré par ${a.requestedByName}`, style: "muted", indent: 1 });
  if (a.commissionDate) lines.push({ text: `Commission d'appel réunie le ${formatIsoDay(a.commissionDate)}` });
  if (a.outcome === "pending") {
    lines.push({ text: "Décision de la commission d'appel attendue." });
  } else {
    const voie = a.commissionTrack ? describeTrack({ track: a.commissionTrack, subTrack: a.commissionSubTrack }) : "";
    lines.push({
      text: `Décision de la commission d'appel : ${voie} (${a.outcome === "upheld" ? "décision du chef d'établissement maintenue" : "décision modifiée"})`,
      style: "bold",
    });
    if (a.commissionNotes) lines.push({ text: `Observations : ${a.commissionNotes}`, indent: 1 });
  }
  return lines;
}

/** "2011-03-04" → "04/03/2011" (a calendar date: no time zone involved). */
function formatDay(day: string): string {
  const [y, m, d] = day.split("-");
  return `${d}/${m}/${y}`;
}
