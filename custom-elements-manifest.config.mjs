// `npm run build` writes dist/custom-elements.json: the elements' attributes, properties, events,
// parts and CSS properties, for editors and site owners' tooling.
/** The elements' internal state: the properties declared `{ state: true }`, which Lit watches but are no API. */
const state = new Set();

export default {
  globs: [
    'widget/src/course-booking/course-booking.ts',
    'widget/src/booking-dashboard/booking-dashboard.ts',
    'widget/src/events/events.ts',
  ],
  outdir: 'dist',
  litelement: true,
  plugins: [
    {
      // Keep only the public contract: `cb-*` events (the analyzer also guesses from constructor
      // arguments) and no internal state (Lit's `state: true` properties, which the analyzer lists).
      name: 'public-contract-only',
      analyzePhase({ ts, node }) {
        const isState = (p) => p.name?.getText() === 'state' && p.initializer?.kind === ts.SyntaxKind.TrueKeyword;
        if (ts.isPropertyAssignment(node) && ts.isObjectLiteralExpression(node.initializer))
          if (node.initializer.properties.some(isState)) state.add(node.name.getText());
      },
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            if (declaration.events) declaration.events = declaration.events.filter((e) => e.name?.startsWith('cb-'));
            if (declaration.attributes)
              declaration.attributes = declaration.attributes.filter((a) => !state.has(a.name));
            if (declaration.members)
              declaration.members = declaration.members.filter((m) => m.privacy !== 'private' && !state.has(m.name));
          }
        }
      },
    },
  ],
};
