import { z } from "zod";
import { notFound } from "next/navigation";
import { now as clockNow } from "@/lib/clock";
import { getDb } from "@/lib/db";
import type { Db } from "@/lib/db/client";
import { authorizeScope, type ResourceRef, type ResourceType, type ScopeOf } from "@/lib/auth/guard";
import { getSignedIn } from "@/lib/auth/signed-in";
import { NotFoundError, type Action, type Actor } from "@/lib/auth/policy";
import { DomainError, GENERIC_ERROR_MESSAGE } from "@/lib/domain/errors";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; message: string; code?: string; fieldErrors?: Record<string, string[]> };

export type ActionContext<I, S = unknown> = { actor: Actor; sessionId: string; input: I; scope: S; db: Db; now: Date };

/**
 * The resource an action acts on. Students and divisions are named by a field of the raw input
 * (read before validation); the school and the académie are the actor's own.
 */
export type ActionResource<T extends ResourceType> = T extends "student" | "division" ? { type: T; from: string } : { type: T };

/**
 * The one wrapper of every server action (docs/architecture in the README): session → policy on
 * the resource the input names → zod parse → handler with the loaded scope → ActionResult.
 * The policy comes first: an out-of-scope caller gets the 404 (R-AUTH-1), never field errors, and
 * learns nothing about the input's shape. Expected domain errors come back as their French
 * message; anything else is logged and shown as a generic message.
 */
export function defineAction<S extends z.ZodType, T extends ResourceType, R>(opts: {
  name: string;
  permission: Action;
  resource: ActionResource<T>;
  schema: S;
  handler: (ctx: ActionContext<z.infer<S>, ScopeOf<T>>) => Promise<R>;
}): (input: unknown) => Promise<ActionResult<R>> {
  return async (raw: unknown) => {
    const signedIn = await getSignedIn();
    if (!signedIn) return { ok: false, code: "SIGNED_OUT", message: "Votre session a expiré. Veuillez vous reconnecter." };
    const data = raw instanceof FormData ? formDataToObject(raw) : raw;
    const db = await getDb();
    const now = clockNow();
    let scope: ScopeOf<T>;
    try {
      scope = await authorizeScope(db, signedIn.actor, opts.permission, refOf(opts.resource, data), now);
    } catch (err) {
      if (err instanceof NotFoundError) notFound();
      throw err;
    }
    const parsed = opts.schema.safeParse(data);
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path.join(".") || "_";
        (fieldErrors[key] ??= []).push(issue.message);
      }
      return { ok: false, code: "INVALID_INPUT", message: "Certaines informations saisies ne sont pas valides.", fieldErrors };
    }
    const ctx: ActionContext<z.infer<S>, ScopeOf<T>> = { actor: signedIn.actor, sessionId: signedIn.sessionId, input: parsed.data, scope, db, now };
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

/** The resource reference named by the raw input; a missing or non-string id is a 404. */
function refOf<T extends ResourceType>(resource: ActionResource<T>, data: unknown): ResourceRef<T> {
  if ("from" in resource) {
    const id = data && typeof data === "object" ? (data as Record<string, unknown>)[resource.from] : undefined;
    if (typeof id !== "string" || id.length === 0) throw new NotFoundError();
    return { type: resource.type, id } as ResourceRef<T>;
  }
  return { type: resource.type } as ResourceRef<T>;
}

/** FormData → plain object; repeated keys become arrays. */
export function formDataToObject(fd: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of fd.entries()) {
    if (k.startsWith("$ACTION")) continue;
    if (k in out) out[k] = ([] as unknown[]).concat(out[k], v);
    else out[k] = v;
  }
  return out;
}
