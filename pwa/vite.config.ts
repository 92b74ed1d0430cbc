/**
 * Build of the two PWA shells as one multi-page app: /admin/ (online merchant admin) and /pos/
 * (the store POS; its service worker arrives with the offline POS, not here). Output goes to
 * pwa/dist, which wrangler.toml serves as static assets; the worker answers deep-link misses with
 * the matching shell (worker/http/shells.ts).
 */
import preact from "@preact/preset-vite";
import { defineConfig, type Plugin } from "vite";

const root = import.meta.dirname;

/**
 * Dev server only: answer a deep link (/admin/orders/ord_1) with its shell, as the worker does in
 * production, so a reload in `vite dev` lands on the same screen.
 */
function shellFallback(): Plugin {
  return {
    name: "renkei-shell-fallback",
    configureServer(server) {
      server.middlewares.use(function serveShellForDeepLink(req, _res, next) {
        const path = (req.url ?? "").split("?")[0] ?? "";
        const shell = /^\/(admin|pos)(\/|$)/.exec(path)?.[1];
        if (shell && !/\.[a-z0-9]{1,5}$/i.test(path) && !path.startsWith(`/${shell}/@`)) req.url = `/${shell}/index.html`;
        next();
      });
    },
  };
}

export default defineConfig({
  root,
  base: "/",
  plugins: [preact(), shellFallback()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    rolldownOptions: {
      input: {
        admin: `${root}/admin/index.html`,
        pos: `${root}/pos/index.html`,
      },
    },
  },
  // `npm run build && npx wrangler dev` serves everything; for `vite dev`, the API is the worker's.
  server: { proxy: { "/api": "http://127.0.0.1:8787" } },
});
