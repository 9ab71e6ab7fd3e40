/**
 * The origin every story configures the SDK with; msw answers it from `packages/mocks`. A reserved `.invalid`
 * name (RFC 6761) rather than the reference server's `localhost:8787`: a request msw does not answer (a beacon
 * sent while the story unloads, a route without a handler) fails to resolve instead of reaching a real server
 * someone runs on this machine.
 */
export const MOCK_API = 'https://api.matbakh.invalid';
