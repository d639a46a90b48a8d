// Builds the browser UI into packages/web/dist; @attune/server serves it beside the API.
import { defineConfig } from "vite";

export default defineConfig({
  root: import.meta.dirname,
  build: { outDir: "dist", emptyOutDir: true, target: "es2022", sourcemap: true },
  server: { proxy: { "/api": "http://127.0.0.1:8080" } },
});
