// Bundles the host page and the Kaoto envelope for the browser (Kaoto ships SCSS: compiled with sass).
import * as esbuild from 'esbuild';
import * as sass from 'sass';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const out = join(here, '../../../target/kaoto-harness');
mkdirSync(out, { recursive: true });

const scss = {
  name: 'scss',
  setup(build) {
    build.onLoad({ filter: /\.scss$/ }, (args) => ({
      contents: sass.compile(args.path, {
        loadPaths: [join(here, 'node_modules')],
        // webpack's ~package/ form, as Kaoto's stylesheets write it
        importers: [{ findFileUrl: (url) => (url.startsWith('~') ? pathToFileURL(join(here, 'node_modules', url.slice(1))) : null) }],
        quietDeps: true, silenceDeprecations: ['import', 'global-builtin'] }).css,
      loader: 'css',
    }));
  },
};

await esbuild.build({
  entryPoints: { host: join(here, 'host.jsx'), envelope: join(here, 'envelope.js') },
  bundle: true,
  outdir: out,
  format: 'iife',
  jsx: 'automatic',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
  loader: { '.png': 'dataurl', '.svg': 'dataurl', '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.eot': 'file', '.gif': 'dataurl', '.jpg': 'dataurl' },
  plugins: [scss],
});

const page = (name, id) => `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="${name}.css"></head>
<body style="margin:0"><div id="${id}" style="height:100vh"></div><script src="${name}.js"></script></body></html>`;
writeFileSync(join(out, 'host.html'), page('host', 'host-app'));
writeFileSync(join(out, 'envelope.html'), page('envelope', 'envelope-app'));
