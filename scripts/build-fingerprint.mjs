// What a production build (`next build`) depends on, as one hash, so that `npm start` rebuilds only
// when it changed (scripts/start.mjs), and whether node_modules matches the lockfile (no `npm ci`).
// Contents are hashed, never mtimes: a fresh clone's files all carry the checkout's time.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * The build's inputs. Folders: every source the app's bundles can import (the `@/…` roots; a unit
 * test checks that each root imported by them is listed here) and public/. Files: the build's
 * configuration, the dependencies' exact versions, the .env files Next.js loads at build time.
 * Not inputs: tests/, bench/, docs/, scripts/, .data/ (the database), the dist dirs.
 */
export const BUILD_INPUTS = {
  dirs: ["app", "components", "lib", "emails", "jobs", "public"],
  files: [
    "package.json",
    "package-lock.json",
    "next.config.ts",
    "tsconfig.json",
    "tsconfig.build.json",
    "postcss.config.mjs",
    "proxy.ts",
    "instrumentation.ts",
    ".env",
    ".env.local",
    ".env.production",
    ".env.production.local",
  ],
};

/** Environment read or inlined by the build (next.config.ts, Next.js itself); values are hashed, never stored. */
const BUILD_ENV = ["NODE_ENV", "NEXT_DIST_DIR", "NEXT_DEPLOYMENT_ID", "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY"];
const BUILD_ENV_PREFIX = "NEXT_PUBLIC_";

/** The file where a successful build leaves its fingerprint, inside its dist dir. */
export const FINGERPRINT_FILE = "orientation-build-fingerprint.json";

function walk(root, rel, out) {
  let entries;
  try {
    entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true });
  } catch (err) {
    if (err.code === "ENOENT" || err.code === "ENOTDIR") return;
    throw err;
  }
  for (const e of entries) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    const isDir = e.isDirectory() || (e.isSymbolicLink() && fs.statSync(path.join(root, p), { throwIfNoEntry: false })?.isDirectory());
    if (isDir) {
      if (e.name !== "node_modules" && !e.name.startsWith(".next")) walk(root, p, out);
    } else if (e.isFile() || (e.isSymbolicLink() && fs.existsSync(path.join(root, p)))) out.push(p);
  }
}

/**
 * The fingerprint of the build that `dir` with environment `env` would produce: a sha256 over the
 * relative path and content of every input file (in a fixed order), the build's environment and
 * the Node.js version.
 */
export function buildFingerprint(dir, env = process.env) {
  const files = [];
  for (const d of BUILD_INPUTS.dirs) walk(dir, d, files);
  for (const f of BUILD_INPUTS.files) if (fs.existsSync(path.join(dir, f))) files.push(f);
  files.sort();
  const h = createHash("sha256");
  for (const f of files) {
    h.update(`file\0${f}\0`);
    h.update(fs.readFileSync(path.join(dir, f)));
    h.update("\0");
  }
  const names = [...BUILD_ENV, ...Object.keys(env).filter((k) => k.startsWith(BUILD_ENV_PREFIX))].sort();
  for (const k of names) h.update(`env\0${k}\0${env[k] ?? ""}\0`);
  h.update(`node\0${process.versions.node}\0`);
  return { hash: h.digest("hex"), files: files.length };
}

/** The dist dir of the build (next.config.ts reads NEXT_DIST_DIR the same way). */
export function distDirOf(dir, env = process.env) {
  return path.resolve(dir, env.NEXT_DIST_DIR || ".next");
}

/** Whether the dist dir holds a complete build made from these inputs. */
export function buildIsCurrent(dir, env, fingerprint) {
  const dist = distDirOf(dir, env);
  if (!fs.existsSync(path.join(dist, "BUILD_ID"))) return false;
  try {
    return JSON.parse(fs.readFileSync(path.join(dist, FINGERPRINT_FILE), "utf8")).hash === fingerprint.hash;
  } catch {
    return false;
  }
}

/** Written after a successful build only: an interrupted build leaves no fingerprint and is redone. */
export function recordBuild(dir, env, fingerprint) {
  const dist = distDirOf(dir, env);
  fs.writeFileSync(
    path.join(dist, FINGERPRINT_FILE),
    JSON.stringify({ hash: fingerprint.hash, files: fingerprint.files, builtAt: new Date().toISOString() }) + "\n",
  );
}

/** Removes the fingerprint before a build, so that a failed one is never taken for the previous one. */
export function forgetBuild(dir, env) {
  fs.rmSync(path.join(distDirOf(dir, env), FINGERPRINT_FILE), { force: true });
}

/**
 * Whether node_modules holds what package-lock.json asks for, read from npm's own record of what
 * it installed (node_modules/.package-lock.json): every package installed is locked at that
 * version, and every locked package that is not optional (platform-specific builds) is installed. Cheap: two JSON files.
 */
export function nodeModulesMatchLockfile(dir) {
  let locked, installed;
  try {
    if (!fs.existsSync(path.join(dir, "node_modules/.bin/next"))) return false;
    locked = JSON.parse(fs.readFileSync(path.join(dir, "package-lock.json"), "utf8")).packages;
    installed = JSON.parse(fs.readFileSync(path.join(dir, "node_modules/.package-lock.json"), "utf8")).packages;
  } catch {
    return false;
  }
  if (!locked || !installed) return false;
  for (const [key, pkg] of Object.entries(installed)) {
    const want = locked[key];
    if (!want || want.version !== pkg.version) return false;
    if (want.integrity && pkg.integrity && want.integrity !== pkg.integrity) return false;
  }
  for (const [key, pkg] of Object.entries(locked)) {
    if (key === "" || pkg.optional || pkg.devOptional || pkg.link) continue;
    if (!installed[key]) return false;
  }
  return true;
}
