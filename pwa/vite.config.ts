/**
 * Build of the two PWA shells as one multi-page app: /admin/ (online merchant admin) and /pos/
 * (the offline store POS, with its service worker /pos/sw.js scoped to /pos/). Output goes to
 * pwa/dist, which wrangler.toml serves as static assets; the worker answers deep-link misses with
 * the matching shell (worker/http/shells.ts).
 */
import preact from "@preact/preset-vite";
import { defineConfig, type Plugin } from "vite";
import { VitePWA } from "vite-plugin-pwa";

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

/**
 * The files the POS needs offline: its HTML and every chunk reachable from its entry (static and
 * lazy imports, with their CSS and assets) — never the admin's chunks. Filled when the bundle is
 * written; read by the service worker build, which runs after it (closeBundle).
 */
function posFiles(): { plugin: Plugin; files: Set<string>; failed: () => boolean } {
  const files = new Set<string>();
  let failed = false;
  const plugin: Plugin = {
    name: "renkei-pos-files",
    apply: "build",
    buildStart() {
      failed = false;
      files.clear();
    },
    buildEnd(error) {
      if (error) failed = true;
    },
    // writeBundle: the names as written (hashes final), before the worker is built in closeBundle
    writeBundle(_options, bundle) {
      files.clear();
      const entry = Object.values(bundle).find(
        (item) => item.type === "chunk" && item.isEntry && (item.facadeModuleId ?? "").replace(/\\/g, "/").endsWith("/pos/index.html"),
      );
      if (!entry) throw new Error("renkei-pos-files: the POS entry chunk was not found");
      const visit = (fileName: string) => {
        if (files.has(fileName)) return;
        const item = bundle[fileName];
        if (!item) return;
        files.add(fileName);
        if (item.type !== "chunk") return;
        for (const next of [...item.imports, ...item.dynamicImports]) visit(next);
        const meta = (item as { viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> } }).viteMetadata;
        for (const css of meta?.importedCss ?? []) files.add(css);
        for (const asset of meta?.importedAssets ?? []) files.add(asset);
      };
      visit(entry.fileName);
      files.add("pos/index.html");
    },
  };
  return { plugin, files, failed: () => failed };
}

const pos = posFiles();

/**
 * Rolldown calls closeBundle after a failed bundle too, without the error, so vite-plugin-pwa
 * would build a worker from an unwritten bundle and its own error would hide the real one.
 */
function skipAfterFailedBuild(plugins: Plugin[]): Plugin[] {
  return plugins.map((plugin) => {
    const hook = plugin.closeBundle;
    if (!hook || typeof hook === "function") return plugin;
    return {
      ...plugin,
      closeBundle: {
        ...hook,
        async handler(this: unknown, ...args: unknown[]) {
          if (pos.failed()) return;
          return (hook.handler as (...a: unknown[]) => unknown).apply(this, args);
        },
      },
    } as Plugin;
  });
}

export default defineConfig({
  root,
  base: "/",
  plugins: [
    preact(),
    shellFallback(),
    pos.plugin,
    skipAfterFailedBuild(VitePWA({
      // One service worker, for the POS only: /pos/sw.js, whose default scope is /pos/.
      filename: "pos/sw.js",
      scope: "/pos/",
      strategies: "generateSW",
      // The data layer registers it with workbox-window (pwa/pos/data/updates.ts); nothing is
      // injected into either shell's HTML, and the admin gets no manifest and no worker.
      injectRegister: false,
      manifest: false,
      registerType: "prompt",
      workbox: {
        cacheId: "renkei-pos",
        // One file: a worker whose Workbox import failed mid-update would install without it, never
        // skip waiting and have no app shell offline (found by test/e2e/pos-resilience).
        inlineWorkboxRuntime: true,
        globPatterns: ["pos/index.html", "assets/**/*.{js,css,woff2,svg,png,webp}"],
        // Entries are relative to pwa/dist; the worker lives in /pos/, so make them absolute.
        modifyURLPrefix: { "": "/" },
        manifestTransforms: [
          async (entries) => ({
            manifest: entries.filter((entry) => pos.files.has(entry.url.replace(/^\//, ""))),
            warnings: [],
          }),
        ],
        navigateFallback: "/pos/index.html",
        navigateFallbackAllowlist: [/^\/pos(\/|$)/],
        navigateFallbackDenylist: [/^\/api\//, /^\/oauth\//, /^\/webhooks\//, /^\/admin(\/|$)/, /^\/__scheduled/],
        // The clerk applies an update (empty cart, no push running): never skip waiting by itself.
        skipWaiting: false,
        clientsClaim: false,
        cleanupOutdatedCaches: true,
        sourcemap: false,
      },
    })),
  ],
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
