/**
 * `GET /v1/insights/forecast`, `GET /v1/insights/churn` and `POST /v1/insights/win-back` (issue 21) with the
 * fixtures of ./forecast.ts. The proofs are checked like `GET /v1/insights` (present, not their HMACs). The
 * win-back is idempotent per group like the server's (per ISO week there; per mock instance here): the second
 * call answers `alreadyRunning` and queues nothing.
 */
import type { Locale, WinBackResponse } from '@matbakh/contract';
import { isObject } from '@matbakh/contract';
import { type HttpHandler, http } from 'msw';
import { mockChurn, mockForecast } from './forecast.ts';
import { errorResponse, json, readJsonBody } from './http.ts';
import { ownerProofError } from './insights.ts';

type Wrap = (
  handle: (request: Request) => Response | Promise<Response>,
) => (info: { request: Request }) => Promise<Response>;

export interface PredictiveMock {
  handlers(root: string, wrap: Wrap): HttpHandler[];
  /** Group ids whose win-back ran, in order. */
  readonly winBacks: string[];
  reset(): void;
}

export function predictiveRoutes(): PredictiveMock {
  const winBacks: string[] = [];

  const getForecast = (request: Request) => {
    const query = new URL(request.url).searchParams;
    const refused = ownerProofError(query);
    if (refused) return refused;
    const horizon = Number(query.get('horizon') ?? 7);
    if (horizon !== 7 && horizon !== 28) return errorResponse(400, 'horizon must be 7 or 28', { field: 'horizon' });
    const locale = (query.get('locale') ?? 'de') as Locale;
    return json(mockForecast(query.get('groupId')!, locale, horizon));
  };

  const getChurn = (request: Request) => {
    const query = new URL(request.url).searchParams;
    const refused = ownerProofError(query);
    if (refused) return refused;
    return json(mockChurn(query.get('groupId')!, (query.get('locale') ?? 'de') as Locale));
  };

  const postWinBack = async (request: Request) => {
    const body = await readJsonBody(request);
    if (!isObject(body)) return errorResponse(400, 'the body must be a JSON object', { field: 'body' });
    const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : undefined);
    const refused = ownerProofError({ get: field });
    if (refused) return refused;
    const groupId = field('groupId')!;
    const alreadyRunning = winBacks.includes(groupId);
    if (!alreadyRunning) winBacks.push(groupId);
    const queued = alreadyRunning ? 0 : mockChurn(groupId, 'en').atRisk.length;
    const answer: WinBackResponse = { campaignId: `winback:${groupId}:2026-W52`, queued, alreadyRunning };
    return json(answer);
  };

  return {
    winBacks,
    handlers: (root, wrap) => [
      http.get(`${root}/v1/insights/forecast`, wrap(getForecast)),
      http.get(`${root}/v1/insights/churn`, wrap(getChurn)),
      http.post(`${root}/v1/insights/win-back`, wrap(postWinBack)),
    ],
    reset() {
      winBacks.length = 0;
    },
  };
}
