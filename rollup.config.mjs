import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

const plugins = (include) => [
  resolve({ browser: true }),
  typescript({
    tsconfig: './tsconfig.json',
    compilerOptions: { module: 'esnext', moduleResolution: 'bundler', noEmit: false, allowJs: false, outDir: 'dist' },
    include,
    exclude: ['**/*.test.ts'],
  }),
  terser({ module: true, ecma: 2020, format: { comments: false } }),
];

export default [
  /** One ES module, widget.js, with Lit bundled in: what host pages load. */
  {
    input: 'widget/src/index.ts',
    output: { file: 'dist/widget.js', format: 'es', sourcemap: false },
    plugins: plugins(['widget/src/**/*.ts', 'server/src/contract.ts']),
  },
  /** The sign-in popup's script, served by the backend on its own origin. */
  {
    input: 'server/auth-page/popup.ts',
    output: { file: 'dist/auth-popup.js', format: 'es', sourcemap: false },
    plugins: plugins(['server/auth-page/*.ts', 'server/src/routes/auth-popup-page.ts']),
  },
];
