import type { NextConfig } from "next";
import { staticSecurityHeaders } from "./lib/security/headers";

const nextConfig: NextConfig = {
  // PGlite ships a WASM build and data files that must be loaded from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "exceljs", "pdf-lib", "nodemailer", "node-cron"],
  // Lets several builds (CI, developers, helpers) live side by side in one checkout.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // The app's own type check at build time; tests, scripts and benches are checked by `tsc --noEmit`.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  poweredByHeader: false,
  // Server actions' body limit: above the largest form the product accepts (the 512 Ko signature
  // image with its multipart envelope, docs/security-inputs.md), so an oversized file gets the
  // French message of the action rather than Next's error screen.
  experimental: { serverActions: { bodySizeLimit: "2mb" } },
  typedRoutes: false,
  // Every other response gets its headers (and its CSP nonce) from proxy.ts; the build's static
  // files, which proxy.ts skips, get the ones that do not depend on the request
  // (docs/security-headers.md). Server actions' origins are checked by proxy.ts against
  // NEXTAUTH_URL: `experimental.serverActions.allowedOrigins` could only widen Next's own check.
  async headers() {
    const headers = Object.entries(staticSecurityHeaders()).map(([key, value]) => ({ key, value }));
    return [
      { source: "/_next/static/:path*", headers },
      { source: "/_next/image", headers },
    ];
  },
};

export default nextConfig;
