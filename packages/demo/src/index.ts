/**
 * The demo tenant's configuration: what `npm start`, the msw mocks, the stories and the tests show. Demo data, not
 * the API contract: it lives here so that no published package carries it and the contract holds only types,
 * validators and the rules every party applies.
 */
export * from './experiments.ts';
export * from './rules.ts';
export * from './tours.ts';
