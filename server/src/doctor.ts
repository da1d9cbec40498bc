import { formatReport } from './going-live/check.js';
import { runDoctor } from './going-live/doctor.js';

// `npm run doctor`: the going-live checklist against the configured environment; exit 1 on any ✗.
const results = await runDoctor(process.env);
console.log(formatReport(results));
process.exit(results.some((r) => r.status === 'fail') ? 1 : 0);
