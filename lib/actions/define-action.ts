import { z } from "zod";
import { notFound } from "next/navigation";
import { now as clockNow } from "@/lib/clock";
import { getDb } from "@/lib/db";
import type { Db } from "@/lib/db/client";
import { authorizeScope, type ResourceRef, type ResourceType, type ScopeOf } from "@/lib/auth/guard";
import { getSignedIn, type SignedIn } from "@/lib/auth/signed-in";
import { NotFoundError, type Action, type Actor } from "@/lib/auth/policy";
import { DomainError, GENERIC_ERROR_MESSAGE } from "@/lib/domain/errors";
import { findForbiddenCharacters, forbiddenCharactersMessage } from "@/lib/domain/inputs";
import "@/lib/domain/zod-messages";
import { logUnexpected } from "@/lib/log";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; message: string; code?: string; fieldErrors?: Record<string, string[]> };

export type ActionContext<I, S = unknown> = { actor: Actor; sessionId: string; input: I; scope: S; db: Db; now: Date };

/**
 * The resource an action acts on. Students and divisions are named by a field of the raw input
 * (read before validation); the school and the académie are the actor's own.
 */
export type ActionResource<T extends ResourceType> = T extends "student" | "division" ? { type: T; from: string } : { type: T };

/** An action as declared: what the wrapper runs, kept in the registry (the fuzz test walks it). */
export type ActionDefinition<S extends z.ZodType = z.ZodType, T extends ResourceType = ResourceType, R = unknown> = {
  name: string;
  permission: Action;
  resource: ActionResource<T>;
  schema: S;
  /** The page's message when the input does not parse (its fields carry their own); a general one by default. */
  invalidInputMessage?: string;
  handler: (ctx: ActionContext<z.infer<S>, ScopeOf<T>>) => Promise<R>;
};

const registry = new Map<string, ActionDefinition>();

/** Every action defined so far (each lib/actions module registers its own when imported). */
export function registeredActions(): ActionDefinition[] {
  return [...registry.values()];
}

/**
 * The one wrapper of every server action (docs/architecture in the README): session → policy on
 * the resource the input names → the input's characters (docs/security-inputs.md) → zod parse →
 * handler with the loaded scope → ActionResult.
 * The policy comes first: an out-of-scope caller gets the 404 (R-AUTH-1), never field errors, and
 * learns nothing about the input's shape. Expected domain errors come back as their French
 * message; anything else is logged without the input's values and shown as a generic message.
 */
export function defineAction<S extends z.ZodType, T extends ResourceType, R>(opts: ActionDefinition<S, T, R>): (input: unknown) => Promise<ActionResult<R>> {
  registry.set(opts.name, opts as unknown as ActionDefinition);
  return async (raw: unknown) => {
    const signedIn = await getSignedIn();
    if (!signedIn) return { ok: false, code: "SIGNED_OUT", message: "Votre session a expiré. Veuillez vous reconnecter." };
    try {
      return await runAction(opts, signedIn, raw, await getDb(), clockNow());
    } catch (err) {
      if (err instanceof NotFoundError) notFound();
      throw err;
    }
  };
}

/**
 * The core of an action, without the request: policy → characters → zod → handler. A refusal by
 * the policy (or a NotFoundError of the handler) is thrown as NotFoundError, which the exported
 * action turns into the 404; everything else comes back as an ActionResult.
 */
export async function runAction<S extends z.ZodType, T extends ResourceType, R>(
  def: ActionDefinition<S, T, R>,
  signedIn: SignedIn,
  raw: unknown,
  db: Db,
  now: Date,
): Promise<ActionResult<R>> {
  const data = raw instanceof FormData ? formDataToObject(raw) : raw;
  const scope = await authorizeScope(db, signedIn.actor, def.permission, refOf(def.resource, data), now);
  const parsed = parseActionInput(def.schema, data, def.invalidInputMessage);
  if (!parsed.ok) return parsed;
  const ctx: ActionContext<z.infer<S>, ScopeOf<T>> = { actor: signedIn.actor, sessionId: signedIn.sessionId, input: parsed.data, scope, db, now };
  try {
    return { ok: true, data: await def.handler(ctx) };
  } catch (err) {
    if (err instanceof DomainError) return { ok: false, code: err.code, message: err.message, fieldErrors: err.fieldErrors };
    if (err instanceof NotFoundError) throw err;
    logUnexpected(`action ${def.name}`, err);
    return { ok: false, code: "UNEXPECTED", message: GENERIC_ERROR_MESSAGE };
  }
}

/**
 * The input checks every action makes after the policy (docs/security-inputs.md): control
 * characters refused, then the zod schema, each refusal a French message per field. Also used by
 * the signed-out actions (lib/actions/password-link.ts), which have no policy step.
 */
export function parseActionInput<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  invalidInputMessage = "Certaines informations saisies ne sont pas valides.",
): { ok: true; data: z.infer<S> } | { ok: false; code: string; message: string; fieldErrors: Record<string, string[]> } {
  const data = raw instanceof FormData ? formDataToObject(raw) : raw;
  const bad = findForbiddenCharacters(data);
  if (bad !== null) {
    const message = forbiddenCharactersMessage();
    return { ok: false, code: "FORBIDDEN_CHARACTERS", message, fieldErrors: { [bad || "_"]: [message] } };
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path.join(".") || "_";
      (fieldErrors[key] ??= []).push(issue.message);
    }
    return { ok: false, code: "INVALID_INPUT", message: invalidInputMessage, fieldErrors };
  }
  return { ok: true, data: parsed.data };
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
