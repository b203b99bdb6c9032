/*
 * R-DATA-1: the Siècle identifiers (ELEVE_ID, PERSONNE_ID) of the demo's people in the sample exports
 * (demo-data/siecle/, scripts/write-demo-exports.ts). Pure functions of the demo keys
 * (lib/db/demo-accounts.ts), so the seed finds the imported people again. Numeric strings, as Siècle's:
 * - a student "3A#12" (division, index) → "1301012": 1, the division's digit, its letter's rank on two
 *   digits, the index on three;
 * - a person "3A#12/g1" (guardian of rank 1) or "3A#12/c1" (another contact) → "2301121": 2, the
 *   division's digit, its letter's rank on two digits, the index on two digits, then the rank
 *   (1 to 4) or 4 + the contact's number (5 for the first).
 */

function divisionParts(code: string, key: string): { digit: number; letter: number } {
  const m = /^([0-9])([A-Z])$/.exec(code);
  if (!m) throw new Error(`demo Siècle id: unexpected division in key ${key}`);
  return { digit: Number(m[1]), letter: m[2]!.charCodeAt(0) - 64 };
}

export function demoStudentSiecleId(studentKey: string): string {
  const m = /^([0-9A-Z]{2})#([0-9]{1,3})$/.exec(studentKey);
  if (!m) throw new Error(`demo Siècle id: unexpected student key ${studentKey}`);
  const { digit, letter } = divisionParts(m[1]!, studentKey);
  return String(1_000_000 + digit * 100_000 + letter * 1_000 + Number(m[2]));
}

export function demoPersonSiecleId(guardianKey: string): string {
  const m = /^([0-9A-Z]{2})#([0-9]{1,2})\/([gc])([1-4])$/.exec(guardianKey);
  if (!m) throw new Error(`demo Siècle id: unexpected guardian key ${guardianKey}`);
  const { digit, letter } = divisionParts(m[1]!, guardianKey);
  const slot = m[3] === "g" ? Number(m[4]) : 4 + Number(m[4]);
  return String(2_000_000 + digit * 100_000 + letter * 1_000 + Number(m[2]) * 10 + slot);
}
