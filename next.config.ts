import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships a WASM build and data files that must be loaded from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "exceljs", "pdf-lib", "nodemailer", "node-cron"],
  // Lets several builds (CI, developers, helpers) live side by side in one checkout.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // The app's own type check at build time; tests, scripts and benches are checked by `tsc --noEmit`.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
