import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

/** One ES module, widget.js, with Lit bundled in. */
export default {
  input: 'widget/src/index.ts',
  output: { file: 'dist/widget.js', format: 'es', sourcemap: false },
  plugins: [
    resolve({ browser: true }),
    typescript({
      tsconfig: './tsconfig.json',
      compilerOptions: { module: 'esnext', moduleResolution: 'bundler', noEmit: false, allowJs: false, outDir: 'dist' },
      include: ['widget/src/**/*.ts', 'server/src/contract.ts'],
      exclude: ['**/*.test.ts'],
    }),
    terser({ module: true, ecma: 2020, format: { comments: false } }),
  ],
};
