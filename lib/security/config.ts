import { env } from "@/lib/env";
import { securityConfigOf, type SecurityConfig } from "./headers";

let cached: SecurityConfig | undefined;

/** The security configuration of this process (lib/env.ts read once): proxy.ts and the sign-in route. */
export function appSecurityConfig(): SecurityConfig {
  cached ??= securityConfigOf(env());
  return cached;
}
