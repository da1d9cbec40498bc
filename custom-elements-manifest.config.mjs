// `npm run build` writes dist/custom-elements.json: the elements' attributes, properties, events,
// parts and CSS properties, for editors and site owners' tooling.
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
      // arguments) and no internal state.
      name: 'public-contract-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            if (declaration.events) declaration.events = declaration.events.filter((e) => e.name?.startsWith('cb-'));
            if (declaration.attributes)
              declaration.attributes = declaration.attributes.filter((a) => a.name !== 'view');
            if (declaration.members) declaration.members = declaration.members.filter((m) => m.privacy !== 'private');
          }
        }
      },
    },
  ],
};
