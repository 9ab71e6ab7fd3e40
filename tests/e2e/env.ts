/** Where global setup started things; shared with the specs through the environment. */
export const E2E_API_PORT = Number(process.env.MB_E2E_API_PORT ?? 18787);
export const E2E_SITE_PORT = Number(process.env.MB_E2E_SITE_PORT ?? 15173);
export const API_URL = `http://localhost:${E2E_API_PORT}`;
export const SITE_URL = `http://localhost:${E2E_SITE_PORT}`;
export const DEMO_WRITE_KEY = 'pk_demo_partner_site';
