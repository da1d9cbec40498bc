// The operator console's bundle (`admin.js`), served by the backend at /admin.js for the page at /admin.
export { AdminConsole } from './admin-console.js';
