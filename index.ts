// Vercel's zero-config entry for Hono: the whole backend as one function. See README, "Deploy to Vercel".
import { createServerlessApp } from './server/src/vercel.js';

export default createServerlessApp();
