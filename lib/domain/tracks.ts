/**
 * The voies d'orientation (tracks) of each level, with their French labels (R-INT-2,
 * R-2GT-1) and the details each may carry (R-INT-5, R-2GT-2/3).
 */
export type Level = "3e" | "2GT";
export const LEVELS = ["3e", "2GT"] as const satisfies readonly Level[];
export type Phase = "provisional" | "final";

export const TRACKS_3E = {
  "2GT": "2de générale et technologique ou 2de STHR",
  "2PRO": "2de professionnelle",
  CAP: "1re année de CAP",
} as const;

export const TRACKS_2GT = {
  "1G": "1re générale",
  "1T": "1re technologique",
  BT_MUSIQUE: "1re préparant au brevet de technicien « métiers de la musique »",
  VOIE_PRO: "Accès à la voie professionnelle",
} as const;

export type Track3e = keyof typeof TRACKS_3E;
export type Track2gt = keyof typeof TRACKS_2GT;
export type Track = Track3e | Track2gt;

/** R-2GT-1: séries of the 1re technologique (STL with its option). */
export const TECHNOLOGICAL_SERIES = {
  STI2D: "STI2D – sciences et technologies de l'industrie et du développement durable",
  STL_BIO: "STL – sciences et technologies de laboratoire, option biotechnologies",
  STL_SPCL: "STL – sciences et technologies de laboratoire, option sciences physiques et chimiques en laboratoire",
  STMG: "STMG – sciences et technologies du management et de la gestion",
  ST2S: "ST2S – sciences et technologies de la santé et du social",
  STD2A: "STD2A – sciences et technologies du design et des arts appliqués",
  STHR: "STHR – sciences et technologies de l'hôtellerie et de la restauration",
  S2TMD: "S2TMD – sciences et techniques du théâtre, de la musique et de la danse",
  STAV: "STAV – sciences et technologies de l'agronomie et du vivant",
} as const;
export type TechnologicalSeries = keyof typeof TECHNOLOGICAL_SERIES;

/** R-2GT-1: what « accès à la voie professionnelle » leads to. */
export const PROFESSIONAL_PATHS = {
  "1PRO": "1re professionnelle",
  "2PRO": "2de professionnelle",
  CAP: "CAP",
} as const;
export type ProfessionalPath = keyof typeof PROFESSIONAL_PATHS;

/** Enseignements de spécialité of the 1re générale (R-2GT-2/3/4). */
export const SPECIALTIES = {
  ARTS_PLASTIQUES: "Arts : arts plastiques",
  ARTS_CINEMA: "Arts : cinéma-audiovisuel",
  ARTS_DANSE: "Arts : danse",
  ARTS_HISTOIRE: "Arts : histoire des arts",
  ARTS_MUSIQUE: "Arts : musique",
  ARTS_THEATRE: "Arts : théâtre",
  BIO_ECO: "Biologie-écologie",
  EPPCS: "Éducation physique, pratiques et culture sportives",
  HGGSP: "Histoire-géographie, géopolitique et sciences politiques",
  HLP: "Humanités, littérature et philosophie",
  LLCER: "Langues, littératures et cultures étrangères et régionales",
  LLCA: "Littérature et langues et cultures de l'Antiquité",
  MATHS: "Mathématiques",
  NSI: "Numérique et sciences informatiques",
  PC: "Physique-chimie",
  SVT: "Sciences de la vie et de la Terre",
  SI: "Sciences de l'ingénieur",
  SES: "Sciences économiques et sociales",
} as const;
export type Specialty = keyof typeof SPECIALTIES;

export const LEVEL_LABELS: Record<Level, string> = { "3e": "3e", "2GT": "2de générale et technologique" };
export const PHASE_LABELS: Record<Phase, string> = {
  provisional: "Intentions provisoires",
  final: "Choix définitifs",
};

export function tracksOf(level: Level): Record<string, string> {
  return level === "3e" ? TRACKS_3E : TRACKS_2GT;
}

export function isTrackOf(level: Level, track: string): track is Track {
  return Object.hasOwn(tracksOf(level), track);
}

/** R-INT-5: only 2de pro and CAP (and, after 2de GT, the voie pro) take a free text and a status. */
export function trackTakesDetails(track: string): boolean {
  return track === "2PRO" || track === "CAP" || track === "VOIE_PRO";
}

/** R-INT-2 / R-2GT-2 / R-2GT-3: how many ranked voies a request holds. */
export function itemLimits(level: Level, phase: Phase): { min: number; max: number } {
  return { min: 1, max: level === "2GT" && phase === "final" ? 11 : 3 };
}

export type TrackItem = {
  rank: number;
  track: string;
  subTrack: string;
  freeText: string | null;
  statusSchool: boolean;
  statusApprentice: boolean;
  specialties: string[];
  stagePasserelle: boolean;
};

/** One ranked voie with nothing more than its voie (and série or target), or with the fields given. */
export function trackItem(rank: number, track: string, over: Partial<Omit<TrackItem, "rank" | "track">> = {}): TrackItem {
  return { rank, track, subTrack: "", freeText: null, statusSchool: false, statusApprentice: false, specialties: [], stagePasserelle: false, ...over };
}

/** The track fields of a wider row (an item, a proposal, a decision), and nothing else. */
export function trackItemOf(i: TrackItem): TrackItem {
  return {
    rank: i.rank,
    track: i.track,
    subTrack: i.subTrack,
    freeText: i.freeText,
    statusSchool: i.statusSchool,
    statusApprentice: i.statusApprentice,
    specialties: i.specialties,
    stagePasserelle: i.stagePasserelle,
  };
}

/** «STMG», «STL option biotechnologies»: a série as a list names it (STL with its option, R-2GT-1). */
export function seriesShortLabel(code: string): string {
  if (code === "STL_BIO") return "STL option biotechnologies";
  if (code === "STL_SPCL") return "STL option sciences physiques et chimiques en laboratoire";
  return (TECHNOLOGICAL_SERIES as Record<string, string>)[code]?.split(" – ")[0] ?? code;
}

/** The label of one item as a family or a head reads it. */
export function describeTrack(item: Pick<TrackItem, "track" | "subTrack">): string {
  const base = (TRACKS_3E as Record<string, string>)[item.track] ?? (TRACKS_2GT as Record<string, string>)[item.track] ?? item.track;
  if (item.track === "1T" && item.subTrack) return `${base} – série ${seriesShortLabel(item.subTrack)}`;
  if (item.track === "VOIE_PRO" && item.subTrack) {
    return `${base} : ${(PROFESSIONAL_PATHS as Record<string, string>)[item.subTrack] ?? item.subTrack}`;
  }
  return base;
}
