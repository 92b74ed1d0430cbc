// wrangler and the workers test pool need the assets folder to exist before they start;
// tests do not need a built PWA, so an empty shell folder is enough when none was built.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dist = join(import.meta.dirname, "..", "pwa", "dist");
for (const shell of ["pos", "admin"]) {
  const dir = join(dist, shell);
  if (!existsSync(join(dir, "index.html"))) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "index.html"), `<!doctype html><meta charset="utf-8"><meta name="renkei-shell" content="${shell}"><title>Renkei</title><div id="app"></div>\n`);
  }
}
