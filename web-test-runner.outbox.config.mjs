// The console's outbox screens on their own: the test waits for the backend's messenger to send a
// booking's email, which it does within seconds on a backend no other test file keeps busy.
import config from './web-test-runner.config.mjs';

export default { ...config, files: ['admin/src/admin-outbox.test.ts'], coverage: false };
