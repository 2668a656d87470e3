import react from "@vitejs/plugin-react"
import { defineConfig } from "vite"

// The admin is served by the API from apps/admin/dist on the same origin, so every asset URL is
// relative to "/" and nothing is fetched from another host (intranet deployments have no internet).
export default defineConfig({
  base: "/",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // e2e/bundle.e2e.test.ts reads it to weigh what the login page loads.
    manifest: true,
    // antd's chunk is large by nature; the login route is checked by its total gzip size instead.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: "react",
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/,
              priority: 20,
            },
            {
              name: "echarts",
              test: /node_modules[\\/](echarts|zrender|echarts-for-react)[\\/]/,
              priority: 20,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: { "/api": "http://127.0.0.1:8080" },
  },
  preview: {
    proxy: { "/api": "http://127.0.0.1:8080" },
  },
})
