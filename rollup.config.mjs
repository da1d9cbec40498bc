import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { collapseHtmlIndentation, minifyCssLiterals } from './scripts/lib/minify-css-literals.mjs';

const plugins = (include, outDir = 'dist') => [
  // Lit's production build whatever NODE_ENV says (under NODE_ENV=test the resolver would pick its development build).
  resolve({ browser: true, exportConditions: ['production'] }),
  typescript({
    tsconfig: './tsconfig.json',
    compilerOptions: { module: 'esnext', moduleResolution: 'bundler', noEmit: false, allowJs: false, outDir },
    include,
    exclude: ['**/*.test.ts'],
  }),
  minifyCssLiterals(), // after TypeScript, whose plugin compiles the files as they are on disk
  terser({ module: true, ecma: 2020, compress: { passes: 3 }, format: { comments: false } }),
  collapseHtmlIndentation(), // after Terser: its chunks' only line breaks are in template text
];

export default [
  /**
   * What host pages load: widget.js (<course-booking>) and dashboard.js (<booking-dashboard>), ES
   * modules built apart, each with Lit inside: everything the price needs is in widget.js itself, so
   * the course request starts as soon as it runs (two requests before the price: the script and the
   * API). A page with both elements loads Lit twice, a smaller cost than a round trip on every page.
   * The checkout code, other languages, embedded Checkout and Stripe.js are chunks loaded on demand.
   */
  ...['widget', 'dashboard'].map((name) => ({
    input: { [name]: `widget/src/${name === 'widget' ? 'index' : 'dashboard'}.ts` },
    preserveEntrySignatures: 'allow-extension', // no facade: the entry itself holds what the price needs
    output: {
      dir: 'dist',
      format: 'es',
      entryFileNames: '[name].js', // Chunk names stay within what the backend serves: letters, digits, - and _.
      chunkFileNames: (chunk) => `chunks/${chunk.name.replace(/[^A-Za-z0-9_-]/g, '-')}-[hash].js`,
    },
    plugins: plugins(['widget/src/**/*.ts', 'common/*.ts']),
  })),
  /**
   * The npm package of the elements (`npm run pack:widget` packs dist/package): `index.js` registers
   * both elements, `elements.js` exports their classes without registering; what they share is a
   * chunk. Lit is inside, as in widget.js: the package has no dependencies.
   */
  {
    input: { index: 'widget/src/package/index.ts', elements: 'widget/src/package/elements.ts' },
    output: {
      dir: 'dist/package',
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: (chunk) => `chunks/${chunk.name.replace(/[^A-Za-z0-9_-]/g, '-')}-[hash].js`,
    },
    plugins: plugins(['widget/src/**/*.ts', 'common/*.ts'], 'dist/package'),
  },
  /**
   * The operator console (`admin.js`, served at /admin.js for /admin): one file, Lit inside, not in
   * the widget's budget. The preview loads the real widget.js by its address at run time.
   */
  {
    input: 'admin/src/index.ts',
    output: { file: 'dist/admin.js', format: 'es' },
    plugins: plugins([
      'admin/src/**/*.ts',
      'widget/src/internal/define.ts',
      'widget/src/internal/session-time.ts',
      'widget/src/internal/money.ts',
      'common/*.ts',
    ]),
  },
  /** The sign-in popup's script, served by the backend on its own origin. */
  {
    input: 'server/auth-page/popup.ts',
    output: { file: 'dist/auth-popup.js', format: 'es' },
    plugins: plugins(['server/auth-page/*.ts', 'server/src/routes/auth-popup-page.ts']),
  },
];
