import { abandonStalePreviews } from "@/lib/db/repositories/siecle-import";
import type { JobContext } from "./job";

/** How long an import's preview waits for its confirmation (R-DATA-1) before its files are dropped. */
export const IMPORT_PREVIEW_TTL_MS = 24 * 60 * 60 * 1000;

/** R-DATA-1: abandons the import previews left unconfirmed for a day; their parsed files (personal data) go with them. */
export async function run({ db, now, log }: JobContext): Promise<number> {
  const n = await abandonStalePreviews(db, new Date(now.getTime() - IMPORT_PREVIEW_TTL_MS));
  if (n > 0) log.info(`${n} aperçu(s) d'import Siècle non confirmé(s) abandonné(s)`);
  return n;
}
