import type { NextConfig } from "next";

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
};

export default nextConfig;
