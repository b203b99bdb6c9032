// Types of scripts/build-fingerprint.mjs (plain JavaScript: `npm start` runs before any TypeScript tool is installed).
export declare const BUILD_INPUTS: { dirs: string[]; files: string[] };
export declare const FINGERPRINT_FILE: string;
export type BuildFingerprint = { hash: string; files: number };
export declare function buildFingerprint(dir: string, env?: Record<string, string | undefined>): BuildFingerprint;
export declare function distDirOf(dir: string, env?: Record<string, string | undefined>): string;
export declare function buildIsCurrent(dir: string, env: Record<string, string | undefined>, fingerprint: BuildFingerprint): boolean;
export declare function recordBuild(dir: string, env: Record<string, string | undefined>, fingerprint: BuildFingerprint): void;
export declare function forgetBuild(dir: string, env: Record<string, string | undefined>): void;
export declare function nodeModulesMatchLockfile(dir: string): boolean;
