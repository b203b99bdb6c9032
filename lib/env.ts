import { z } from "zod";

/**
 * Every environment variable the product reads, validated once at boot.
 * A bad or missing value stops the process with one clear message, not a stack trace.
 */
const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** PostgreSQL server; unset → embedded PGlite under PGLITE_DIR. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "doit commencer par postgres:// ou postgresql://")
      .optional(),
    PGLITE_DIR: z.string().default(".data/pglite"),
    /**
     * PostgreSQL connections each process may open (its pg pool's max): web server, worker, CLI.
     * At least 2 (the migrations hold one for their lock). Sizing rule in docs/production.md.
     */
    DATABASE_POOL_SIZE: z.coerce
      .number({ error: "doit être un nombre entier de connexions (ex. 10)" })
      .int("doit être un nombre entier de connexions (ex. 10)")
      .min(2, "au moins 2 (les migrations gardent une connexion pour leur verrou)")
      .max(500, "500 au plus")
      .default(10),
    /** Public URL of the app (next-auth callbacks, links in e-mails). */
    NEXTAUTH_URL: z.url().default("http://localhost:3000"),
    NEXTAUTH_SECRET: z.string().min(32, "doit compter au moins 32 caractères").optional(),
    /** Demo mode: the sign-in page lists the demo accounts. */
    DEMO_MODE: z
      .enum(["true", "false"])
      .default("false")
      .transform((v) => v === "true"),
    /** Families' OpenID Connect provider (EduConnect-style). All three or none. */
    OIDC_ISSUER: z.url().optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_NAME: z.string().default("ÉduConnect"),
    /** SMTP server for the outbox sender; unset → e-mails are kept in the development mailbox. */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, "doit commencer par smtp:// ou smtps://")
      .optional(),
    MAIL_FROM: z.string().default("Orientation <ne-pas-repondre@orientation.example.fr>"),
    /** Nightly transfer schedule (cron syntax) and its time zone (R-SYNC). */
    SYNC_CRON: z.string().default("0 2 * * *"),
    SYNC_TIMEZONE: z.string().default("Europe/Paris"),
    /** How often the outbox sender looks for e-mails due, in milliseconds. */
    OUTBOX_INTERVAL_MS: z.coerce.number().int().min(200).max(3_600_000).default(5000),
    /** SMTP connections the outbox sender's pooled transport keeps open to the relay (lib/outbox/mailer.ts). */
    SMTP_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(5),
    /** E-mails the outbox sender hands to the transport at once (lib/outbox/sender.ts); past SMTP_POOL_SIZE they wait for a connection. */
    OUTBOX_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(10),
    /** Run the scheduler and outbox sender inside the web server (always so with PGlite). */
    WORKER_IN_PROCESS: z.enum(["true", "false"]).optional(),
    /**
     * Reverse proxies in front of the app that append the client's address to X-Forwarded-For
     * (0: reached directly). The sign-in throttle's source is the address the outermost of them saw
     * (docs/security-sign-in.md).
     */
    TRUST_PROXY: z.coerce.number().int().min(0).max(5).default(0),
    /** Idle minutes after which a session expires (R-INT-8 sends recaps then). */
    SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(720).default(30),
    /** Tests and demos only: shifts the product's clock (lib/clock.ts) by this many milliseconds. */
    CLOCK_OFFSET_MS: z.coerce
      .number({ error: "doit être un nombre entier de millisecondes (ex. 86400000 pour un jour)" })
      .int("doit être un nombre entier de millisecondes (ex. 86400000 pour un jour)")
      .default(0),
  })
  .superRefine((env, ctx) => {
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET].filter(Boolean).length;
    if (oidc !== 0 && oidc !== 3) {
      ctx.addIssue({
        code: "custom",
        path: ["OIDC_ISSUER"],
        message: "OIDC_ISSUER, OIDC_CLIENT_ID et OIDC_CLIENT_SECRET vont ensemble : donnez les trois ou aucun",
      });
    }
    if (env.NODE_ENV === "production" && !env.NEXTAUTH_SECRET && !env.DEMO_MODE) {
      ctx.addIssue({ code: "custom", path: ["NEXTAUTH_SECRET"], message: "obligatoire en production (32 caractères au moins)" });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigurationError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join(".") || "(configuration)"} : ${i.message}`);
    throw new ConfigurationError(`Configuration invalide :\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
