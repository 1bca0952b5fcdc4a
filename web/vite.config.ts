import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

// In development the API runs separately (pnpm --filter @census/server start); in production the
// server serves web/dist itself, so the page always calls the API on its own origin.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/api': 'http://localhost:8787' },
  },
  build: {
    // maplibre alone is about 1 MB minified; warn only when something grows past it.
    chunkSizeWarningLimit: 1600,
  },
})
