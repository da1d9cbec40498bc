import { fetchCourse, scriptOrigin } from '../api/client.js';

// The price requests start as soon as widget.js runs: this module is the bundle's first, so they
// are under way before Lit and the element are even evaluated, let alone upgraded and drawn. Each
// element then finds its course's request under way (one per course, however many show it).
for (const element of document.querySelectorAll('course-booking[course]')) {
  fetchCourse(element.getAttribute('api') || scriptOrigin, element.getAttribute('course')!).catch(() => undefined);
}
