// `npm run build` (its last step): assembles dist/package, the npm package of the elements, from
// what rollup and `tsc -p tsconfig.package.json` wrote there. `npm run pack:widget` packs it.
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'dist/package');
const types = join(out, 'types');
const source = join(root, 'widget/src/package');
const frameworks = ['react', 'preact', 'solid', 'vue', 'svelte'];

/** The declarations the entries reach: the rest (the elements' internals, which name Lit) are not shipped. */
function reachable(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const [, spec] of code.matchAll(/(?:import|export)[^'";]*?from\s*['"](\.[^'"]+)['"]/g)) {
    reachable(join(dirname(file), spec.replace(/\.js$/, '.d.ts')), seen);
  }
  return seen;
}
const entries = ['index', 'elements'].map((name) => join(types, `widget/src/package/${name}.d.ts`));
const kept = new Set(entries.flatMap((entry) => [...reachable(entry)]));
for (const name of readdirSync(types, { recursive: true })) {
  const file = join(types, name);
  if (file.endsWith('.d.ts') && !kept.has(file)) rmSync(file);
}

// The entries' declarations at the package's root, where its `exports` point.
for (const entry of entries) {
  const name = entry.slice(entry.lastIndexOf('/') + 1);
  writeFileSync(join(out, name), `export * from './${relative(out, entry).replace(/\.d\.ts$/, '.js')}';\n`);
}
for (const framework of frameworks) copyFileSync(join(source, `${framework}.d.ts`), join(out, `${framework}.d.ts`));
copyFileSync(join(root, 'dist/custom-elements.json'), join(out, 'custom-elements.json'));
copyFileSync(join(source, 'README.md'), join(out, 'README.md'));

const project = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const manifest = {
  name: '@course-booking/widget',
  version: project.version,
  description:
    '<course-booking> and <booking-dashboard>: a course’s price and a Book & Pay button, and a student’s bookings, for any page or framework.',
  type: 'module',
  main: './index.js',
  types: './index.d.ts',
  exports: {
    '.': { types: './index.d.ts', default: './index.js' },
    './elements': { types: './elements.d.ts', default: './elements.js' },
    ...Object.fromEntries(frameworks.map((f) => [`./${f}`, { types: `./${f}.d.ts` }])),
    './custom-elements.json': './custom-elements.json',
  },
  customElements: './custom-elements.json',
  sideEffects: ['./index.js'],
  files: ['*.js', '*.d.ts', 'chunks/', 'types/', 'custom-elements.json', 'README.md'],
  keywords: ['web-components', 'custom-elements', 'booking', 'stripe', 'checkout', 'courses'],
};
writeFileSync(join(out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`dist/package: ${manifest.name}@${manifest.version} (${kept.size} declaration files)`);
