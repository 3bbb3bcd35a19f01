import { compileMessage } from '@lingui/message-utils/compileMessage';
import react from '@vitejs/plugin-react';
import { constants } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

/**
 * Message catalogs are written as ICU strings (client/i18n/locales/<lang>/<ns>.json) and compiled
 * here, so the browser ships Lingui's 2 kB runtime instead of its message parser.
 */
function compileCatalogs(): Plugin {
  const catalog = /[\\/]client[\\/]i18n[\\/]locales[\\/][a-z]{2}[\\/][a-z]+\.json$/;
  return {
    name: 'tablehop:compile-catalogs',
    enforce: 'pre',
    transform(code, id) {
      if (!catalog.test(id)) return null;
      const messages = JSON.parse(code) as Record<string, string>;
      // A bare string would look uncompiled to Lingui (and warn at every use); a one-token array does not.
      const compiled = Object.fromEntries(
        Object.entries(messages).map(([key, message]) => {
          const tokens = compileMessage(message);
          return [key, typeof tokens === 'string' ? [tokens] : tokens];
        }),
      );
      return { code: JSON.stringify(compiled), map: null };
    },
  };
}

/** React's API, served by Preact: the build, and the tests of the client's stores, resolve through it. */
export const reactIsPreact = [
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react\/jsx-(dev-)?runtime$/, replacement: 'preact/jsx-runtime' },
  { find: /^react$/, replacement: 'preact/compat' },
];

/**
 * The client lives in client/ and builds into dist/client, which the server serves. It is written
 * against React's API and built with Preact's (preact/compat): the same components, hooks, lazy
 * routes and Suspense, for about 11 kB of a phone's download instead of React DOM's 60.
 */
export default defineConfig({
  root: 'client',
  resolve: { alias: reactIsPreact },
  plugins: [
    compileCatalogs(),
    react(),
    // Compressed once here at the strongest levels, so 2,000 phones joining at once cost the
    // server file reads, not 2,000 on-the-fly compressions.
    compression({
      algorithms: [defineAlgorithm('gzip', { level: 9 }), defineAlgorithm('brotliCompress', { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })],
      threshold: 1024,
      logLevel: 'silent',
    }),
  ],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    target: 'es2022',
    // Maps are written for whoever debugs a deployment, but referenced from no file, and the
    // server serves them only when asked to (TABLEHOP_SOURCEMAPS=1).
    sourcemap: 'hidden',
    // scripts/bundle-size.ts reads it to sum each route's JavaScript.
    manifest: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              // What every role's page needs, in one file: fewer requests on venue Wi-Fi, and one
              // gzip window instead of a dozen small ones. The QR library stays out (not for phones),
              // and so does what only staff pages use of shared/ (the console's rules, the harvest's).
              name: 'core',
              test: /node_modules[\\/](preact|react|react-dom|scheduler|@lingui|zustand|socket\.io-client|engine\.io-client|socket\.io-parser|engine\.io-parser|@socket\.io|nanoid)[\\/]|[\\/]shared[\\/](protocol|domain)[\\/]|[\\/]client[\\/](router|offline|net[\\/]\w+|i18n[\\/]i18n|state[\\/](connection|participant|participantSelectors|outbox|credentials|storage|upsert)|ui[\\/](Countdown|ConnectionBadge|LanguageSwitch|Header|Link|toast|refusal|BroadcastBanner|KindTag|lazyRoute))\.tsx?$/,
            },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://localhost:3000',
      '/healthz': 'http://localhost:3000',
      '/socket.io': { target: 'http://localhost:3000', ws: true },
    },
  },
});
