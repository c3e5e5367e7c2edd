/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/**
 * The build is served by the PodOps Django service: `dist/index.html` by the `/dashboard/...` view
 * and the assets by whitenoise under STATIC_URL (`dist` is in STATICFILES_DIRS), so every asset URL
 * starts with `/static/`. Assets go to `dist/podops-dashboard/` so they cannot clash with other static
 * files.
 */
export default defineConfig({
  base: "/static/",
  plugins: [react()],
  build: {
    outDir: "dist",
    assetsDir: "podops-dashboard",
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1024,
  },
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    css: false,
    restoreMocks: true,
  },
});
