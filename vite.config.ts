import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import electron from 'vite-plugin-electron';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = `${root}dist-electron`;

// Main keeps its npm dependencies external (they ship in node_modules inside the asar);
// node built-ins and electron are never bundled.
const external = [
  'electron',
  ...builtinModules,
  ...builtinModules.map((name) => `node:${name}`),
  'electron-updater',
  // Native (a prebuilt Node-API binary per platform, unpacked from the asar: electron-builder.yml).
  'sharp',
  /^@img\//,
  // Loads its worker module next to itself at run time, so it stays a real package.
  /^pdfjs-dist/,
];

/** One config: the renderer (Vite), main (ESM) and preload (one CommonJS .cjs file). */
export default defineConfig({
  root: `${root}renderer`,
  base: './',
  plugins: [
    react(),
    electron([
      {
        entry: `${root}main/electron/index.ts`,
        // Dev runs sandboxed like production: vite-plugin-electron's default adds --no-sandbox.
        onstart: ({ startup }) => void startup(['.']),
        vite: {
          build: {
            outDir,
            emptyOutDir: false,
            sourcemap: true,
            lib: {
              entry: `${root}main/electron/index.ts`,
              formats: ['es'],
              fileName: () => 'main.js',
            },
            rolldownOptions: { external },
          },
        },
      },
      {
        entry: `${root}preload/index.ts`,
        // A sandboxed preload cannot be ESM and cannot require split chunks: one .cjs file.
        onstart: ({ reload }) => reload(),
        vite: {
          build: {
            outDir,
            emptyOutDir: false,
            sourcemap: 'inline',
            lib: {
              entry: `${root}preload/index.ts`,
              formats: ['cjs'],
              fileName: () => 'preload.cjs',
            },
            rolldownOptions: {
              external: ['electron'],
              output: { codeSplitting: false },
            },
          },
        },
      },
    ]),
  ],
  build: {
    outDir: `${root}dist`,
    emptyOutDir: true,
    sourcemap: true,
    // Fonts are always files: the CSP's font-src is 'self', so an inlined data: font (KaTeX's
    // smallest are under Vite's 4 kB default) would be refused and its glyphs drawn wrong.
    assetsInlineLimit: (file) => (/\.(woff2?|ttf)$/.test(file) ? false : undefined),
  },
  // The highlight worker is a module worker, so its grammars stay separate chunks loaded on demand.
  worker: { format: 'es' },
  server: { port: 5173, strictPort: true },
});
