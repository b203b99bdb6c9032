import { z } from "zod";
import { notFound } from "next/navigation";
import { now as clockNow } from "@/lib/clock";
import { getDb } from "@/lib/db";
import type { Db } from "@/lib/db/client";
import { getSignedIn } from "@/lib/auth/session";
import { NotFoundError, type Actor } from "@/lib/auth/policy";
import { DomainError, GENERIC_ERROR_MESSAGE } from "@/lib/domain/errors";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; message: string; code?: string; fieldErrors?: Record<string, string[]> };

export type ActionContext<I> = { actor: Actor; sessionId: string; input: I; db: Db; now: Date };

/**
 * The one wrapper of every server action (STYLE.md §2): session → zod parse → policy check →
 * service → ActionResult. `authorize` must call the policy (lib/auth/policy.ts) on the resource
 * the input names; throwing NotFoundError (or calling notFound()) answers a 404 and nothing runs.
 * Expected domain errors come back as their French message; anything else is logged and shown
 * as a generic message.
 */
export function defineAction<S extends z.ZodType, T>(opts: {
  name: string;
  schema: S;
  authorize: (ctx: ActionContext<z.infer<S>>) => Promise<void>;
  handler: (ctx: ActionContext<z.infer<S>>) => Promise<T>;
}): (input: unknown) => Promise<ActionResult<T>> {
  return async (raw: unknown) => {
    const signedIn = await getSignedIn();
    if (!signedIn) return { ok: false, code: "SIGNED_OUT", message: "Votre session a expiré. Veuillez vous reconnecter." };
    const parsed = opts.schema.safeParse(raw instanceof FormData ? formDataToObject(raw) : raw);
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path.join(".") || "_";
        (fieldErrors[key] ??= []).push(issue.message);
      }
      return { ok: false, code: "INVALID_INPUT", message: "Certaines informations saisies ne sont pas valides.", fieldErrors };
    }
    const ctx: ActionContext<z.infer<S>> = { actor: signedIn.actor, sessionId: signedIn.sessionId, input: parsed.data, db: await getDb(), now: clockNow() };
    try {
      await opts.authorize(ctx);
    } catch (err) {
      if (err instanceof NotFoundError) notFound();
      throw err;
    }
    try {
      return { ok: true, data: await opts.handler(ctx) };
    } catch (err) {
      if (err instanceof DomainError) return { ok: false, code: err.code, message: err.message, fieldErrors: err.fieldErrors };
      if (err instanceof NotFoundError) notFound();
      console.error(`[action ${opts.name}]`, err);
      return { ok: false, code: "UNEXPECTED", message: GENERIC_ERROR_MESSAGE };
    }
  };
}

/** FormData → plain object; repeated keys become arrays. */
export function formDataToObject(fd: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of fd.entries()) {
    if (k.startsWith("$ACTION")) continue;
    const value = typeof v === "string" ? v : v;
    if (k in out) out[k] = ([] as unknown[]).concat(out[k], value);
    else out[k] = value;
  }
  return out;
}
