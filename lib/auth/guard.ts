import { AsyncLocalStorage } from "node:async_hooks";
import { notFound, redirect } from "next/navigation";
import { now as clockNow } from "@/lib/clock";
import { GENERIC_ERROR_MESSAGE } from "@/lib/domain/errors";
import { textResponse } from "@/lib/http/text-response";
import { logUnexpected } from "@/lib/log";
import { getDb } from "@/lib/db";
import type { Db, Queryable } from "@/lib/db/client";
import { findDivisionScope, findSchoolScope, findStudentScope } from "@/lib/db/repositories/scopes";
import { CHANGE_PASSWORD_PATH } from "@/lib/domain/accounts";
import { parseSearchParams } from "@/lib/domain/inputs";
import { can, NotFoundError, type Action, type Actor, type Resource, type Role } from "./policy";
import { getSignedIn, requireSignedIn, type SignedIn } from "./signed-in";

/*
 * The guarded doors (R-AUTH-1, docs/decisions/004). Every page loader, server action and route
 * handler goes through one of them: it resolves the resource the request names, asks the policy
 * (lib/auth/policy.ts) and hands the loaded scope on, so nothing looks the scope up twice and
 * nothing runs for an out-of-scope caller.
 *
 * - pages:          `guardPage(...)` inside the page's loader (lib/loaders; a refusal is notFound()),
 *                   or `guardAudience(...)` for the pages that name no resource (a home listing
 *                   the actor's own things, a layout).
 * - server actions: `defineAction({ permission, resource, ... })` (lib/actions/define-action.ts).
 * - route handlers: `defineRoute({ permission, resource, ... })` (below).
 */

export type ResourceType = Resource["type"];
export type ScopeOf<T extends ResourceType> = Extract<Resource, { type: T }>;

/**
 * What a request names. Students and divisions come by id; the school and the académie default
 * to the actor's own (a head has one school, a saio one académie).
 */
export type ResourceRef<T extends ResourceType = ResourceType> = T extends "student" | "division"
  ? { type: T; id: string }
  : T extends "school" | "academy"
    ? { type: T; id?: string }
    : { type: T };

/** The scope of a resource, or null when it does not exist (answered as a 404, like a refusal). */
export async function resolveScope<T extends ResourceType>(q: Queryable, actor: Actor, ref: ResourceRef<T>, now: Date): Promise<ScopeOf<T> | null> {
  const r = ref as ResourceRef;
  switch (r.type) {
    case "student":
      return (await findStudentScope(q, r.id, now)) as ScopeOf<T> | null;
    case "division":
      return (await findDivisionScope(q, r.id)) as ScopeOf<T> | null;
    case "school": {
      const id = r.id ?? actor.schoolId;
      return (id ? await findSchoolScope(q, id) : null) as ScopeOf<T> | null;
    }
    case "academy": {
      const id = r.id ?? actor.academyId;
      return (id ? { type: "academy", academyId: id } : null) as ScopeOf<T> | null;
    }
    case "platform":
      return { type: "platform" } as ScopeOf<T>;
    case "account":
      return { type: "account", accountId: actor.accountId } as ScopeOf<T>;
  }
}

/** Resolves and authorizes, or throws NotFoundError: unknown and forbidden look the same. */
export async function authorizeScope<T extends ResourceType>(
  q: Queryable,
  actor: Actor,
  permission: Action,
  ref: ResourceRef<T>,
  now: Date,
): Promise<ScopeOf<T>> {
  const scope = await resolveScope(q, actor, ref, now);
  if (!scope || !can(actor, permission, scope)) throw new NotFoundError();
  return scope;
}

/** What a guarded door hands to the code behind it. */
export type Guarded<S> = SignedIn & { db: Db; now: Date; scope: S };

export type GuardOptions<T extends ResourceType> = {
  /** The audiences of the page (another role gets a 404 before any look-up). */
  roles?: readonly Role[];
  permission: Action;
  resource: ResourceRef<T>;
};

/** A request's actor, database and instant given by the caller instead of read from the cookie and the clock. */
export type GivenRequest = SignedIn & { db: Db; now: Date };
const givenRequest = new AsyncLocalStorage<GivenRequest>();

/**
 * Runs page loaders as the request `given` (the actor signed in, its database, its instant), with
 * no HTTP request: the fuzz test of page filters (docs/security-inputs.md) calls every loader so.
 * The guards still resolve the scope and ask the policy exactly as for a real request.
 */
export function asRequest<T>(given: GivenRequest, fn: () => Promise<T>): Promise<T> {
  return givenRequest.run(given, fn);
}

/**
 * For the loaders of pages that name no resource (a guardian's home lists their own children, a
 * layout shows the signed-in name): signed out → the sign-in page; another audience → 404.
 */
export async function guardAudience(roles?: readonly Role[]): Promise<SignedIn & { db: Db; now: Date }> {
  const given = givenRequest.getStore();
  if (given) {
    if (roles && !roles.includes(given.actor.role)) notFound();
    return given;
  }
  const signedIn = await requireSignedIn();
  if (signedIn.actor.mustChangePassword) redirect(CHANGE_PASSWORD_PATH); // a one-time password is changed first (docs/production.md)
  if (roles && !roles.includes(signedIn.actor.role)) notFound();
  return { ...signedIn, db: await getDb(), now: clockNow() };
}

/**
 * For page loaders: signed out → the sign-in page; wrong audience, unknown or out-of-scope
 * resource → 404. Returns the actor, the loaded scope, the database and the request's `now`.
 */
export async function guardPage<T extends ResourceType>(opts: GuardOptions<T>): Promise<Guarded<ScopeOf<T>>> {
  const { roles, permission, resource } = opts;
  const signedIn = await guardAudience(roles);
  return { ...signedIn, scope: await authorizeInPage(signedIn, permission, resource) };
}

/**
 * A second resource named by a page already guarded (e.g. a division chosen in the query
 * string): authorized like the first, a refusal is the page's 404.
 */
export async function authorizeInPage<T extends ResourceType>(
  page: SignedIn & { db: Db; now: Date },
  permission: Action,
  ref: ResourceRef<T>,
): Promise<ScopeOf<T>> {
  try {
    return await authorizeScope(page.db, page.actor, permission, ref, page.now);
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
}

/** The 404 of a route: wrong audience, unknown or out of scope (R-AUTH-1), or nothing to give. */
export const notFoundResponse = (): Response => textResponse(404, "Page introuvable");

/**
 * The one wrapper of route handlers (exports, PDFs, images): signed out → 303 to the sign-in
 * page; wrong audience, unknown or out-of-scope → 404 with nothing run. The handler gets the
 * loaded scope and the route's params.
 */
export function defineRoute<P extends Record<string, string>, T extends ResourceType>(opts: {
  roles?: readonly Role[];
  permission: Action;
  /** The resource, from the route's params (or, for a route of one's own file, the signed-in actor). */
  resource: (params: P, actor: Actor) => ResourceRef<T>;
  /** `query`: the query string, checked once here (docs/security-inputs.md): a refused one is a 400 with its French message. */
  handler: (ctx: Guarded<ScopeOf<T>> & { params: P; query: Record<string, string>; request: Request }) => Promise<Response>;
}): (request: Request, context: { params: Promise<P> }) => Promise<Response> {
  return async (request, context) => {
    const signedIn = await getSignedIn();
    if (!signedIn) return Response.redirect(new URL("/connexion?expiree=1", request.url), 303);
    if (opts.roles && !opts.roles.includes(signedIn.actor.role)) return notFoundResponse();
    const params = ((await context?.params) ?? {}) as P;
    const db = await getDb();
    const now = clockNow();
    try {
      const scope = await authorizeScope(db, signedIn.actor, opts.permission, opts.resource(params, signedIn.actor), now);
      const query = parseSearchParams(new URL(request.url).searchParams);
      // A refused query string (a control character in a filter, docs/security-inputs.md): 400 with the French message.
      if (!query.ok) return textResponse(400, query.message);
      return await opts.handler({ ...signedIn, db, now, scope, params, query: query.params, request });
    } catch (err) {
      if (err instanceof NotFoundError) return notFoundResponse();
      // Never the error itself in the log (it carries the request's values), never its text in the answer.
      logUnexpected(`route ${new URL(request.url).pathname}`, err);
      return textResponse(500, GENERIC_ERROR_MESSAGE);
    }
  };
}
