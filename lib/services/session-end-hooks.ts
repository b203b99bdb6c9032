/*
 * The hooks that run when a session ends (lib/services/session-end.ts). Imported for their side
 * effect by whatever can end a session (lib/auth/options.ts, the worker and jobs), so that the
 * hooks are registered in every process.
 */
import "./recap-emails";
