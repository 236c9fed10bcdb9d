import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The console is served by the Gatehouse server at `/` (API under `/api`); `npm run dev` proxies the
// API to a server on :8080. Every page is its own chunk (React.lazy), so the first page stays small.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 600,
    sourcemap: false,
  },
  server: {
    proxy: {
      "/api": "http://127.0.0.1:8080",
      "/v1": "http://127.0.0.1:8080",
      "/v1beta": "http://127.0.0.1:8080",
    },
  },
});
