// Checks that the build's custom-elements.json documents both elements: their attributes, events,
// parts and CSS properties, as the README promises site owners.
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(new URL('../dist/custom-elements.json', import.meta.url), 'utf8'));
const elements = new Map(
  manifest.modules
    .flatMap((m) => m.declarations ?? [])
    .filter((d) => d.tagName)
    .map((d) => [d.tagName, d]),
);
const expected = {
  'course-booking': {
    attributes: ['course', 'api', 'mode', 'return-url', 'theme', 'session', 'sessions-limit'],
    events: ['cb-ready', 'cb-checkout-start', 'cb-redirect', 'cb-paid', 'cb-error'],
    parts: ['title', 'price', 'button', 'status', 'error', 'dates'],
  },
  'booking-dashboard': { attributes: ['api', 'theme'], events: [], parts: [] },
};
const problems = [];
for (const [tag, want] of Object.entries(expected)) {
  const element = elements.get(tag);
  if (!element) {
    problems.push(`${tag}: missing`);
    continue;
  }
  const have = {
    attributes: (element.attributes ?? []).map((a) => a.name),
    events: (element.events ?? []).map((e) => e.name),
    parts: (element.cssParts ?? []).map((p) => p.name),
  };
  for (const kind of ['attributes', 'events', 'parts']) {
    for (const name of want[kind]) if (!have[kind].includes(name)) problems.push(`${tag}: ${kind} lacks ${name}`);
  }
  console.log(
    `${tag}: ${have.attributes.length} attributes, ${have.events.length} events, ${have.parts.length} parts, ${(element.cssProperties ?? []).length} CSS properties`,
  );
}
if (problems.length > 0) {
  console.error(`custom-elements.json is incomplete:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
