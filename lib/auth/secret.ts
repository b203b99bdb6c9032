import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { env } from "@/lib/env";

/**
 * NEXTAUTH_SECRET, or — outside production, and in demo mode — a random one kept in .data/ so
 * sessions survive a restart of the demo. Production refuses to start without one (lib/env.ts).
 */
let cached: string | undefined;
export function authSecret(): string {
  if (cached) return cached;
  const configured = env().NEXTAUTH_SECRET;
  if (configured) return (cached = configured);
  const file = path.resolve(/*turbopackIgnore: true*/ process.cwd(), ".data/nextauth-secret");
  try {
    cached = fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    cached = randomBytes(32).toString("base64url");
    fs.writeFileSync(file, cached, { mode: 0o600 });
  }
  return cached;
}
