// Types of scripts/serve.mjs (plain JavaScript, like scripts/start.mjs which uses it).
export declare const MAX_INSTANCES: number;
export declare class ServeError extends Error {}
export type ServeOptions = { port: number; hostname: string | undefined; instances: number };
export declare function parseInstances(raw: string | number, cores?: number): number;
export declare function parseServeArgs(argv: string[], env?: Record<string, string | undefined>, cores?: number): ServeOptions;
export declare function instanceEnv(n: number, env?: Record<string, string | undefined>): Record<string, string | undefined>;
export declare function serve(options: ServeOptions, env?: Record<string, string | undefined>, dir?: string): void;
