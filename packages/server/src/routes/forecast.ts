/**
 * `GET /v1/insights/forecast?groupId=&horizon=7|28&locale=&anonymousId=&userId=&userHash=&groupHash=&now=`: the
 * restaurant's demand forecast for its verified owner (proofs: owner-proof.ts, as `GET /v1/insights`), read from
 * what the worker stored (forecast/pass.ts) and put into words in the owner's locale (forecast/response.ts). 404
 * (`groupId`) while the worker has computed nothing for the group yet.
 *
 * `GET /v1/admin/forecasts.csv[?groupId=]` (admin key): the stored forecasts of one restaurant or all, one row per
 * restaurant, series and day.
 */
import type { Db } from '../db.ts';
import { csvCell } from '../forecast/csv.ts';
import { MIN_HISTORY_DAYS } from '../forecast/model.ts';
import { outlookFor, type Peer } from '../forecast/outlook.ts';
import { forecastResponse, todayOf } from '../forecast/response.ts';
import type { StoredForecast } from '../forecast/restaurant.ts';
import { loadCatalog } from '../recommend/catalog.ts';
import type { Ctx, RouteKit, RouteModule } from '../route-kit.ts';
import { adminGate } from './admin-gate.ts';
import { MAX_GROUP_ID, ownerRequest, pinnedNowOf } from './owner-proof.ts';

interface Row {
  group_id: string;
  computed_at: string;
  data: string;
}

/** The tenant's other restaurants with 8 weeks behind them, read by JSON path (not each whole forecast). */
async function peersOf(db: Db, tenantId: string, groupId: string): Promise<Peer[]> {
  const json = db.sql.jsonText;
  const rows = await db.all<{ region: string | null; traits: string | null; launch: string | null }>(
    `SELECT ${json('data', 'region')} AS region, ${json('data', 'traits')} AS traits, ${json('data', 'launch')} AS launch
     FROM forecasts WHERE tenant_id = ? AND group_id <> ?`,
    [tenantId, groupId],
  );
  const peers: Peer[] = [];
  for (const row of rows) {
    if (row.launch === null || row.region === null) continue;
    const traits = row.traits === null ? {} : (JSON.parse(row.traits) as StoredForecast['traits']);
    peers.push({ traits: { region: row.region, ...traits }, launch: JSON.parse(row.launch) as number[] });
  }
  return peers;
}

async function dishNames(db: Db, tenantId: string): Promise<Map<string, string>> {
  const catalog = await loadCatalog(db, tenantId);
  return new Map(catalog.dishes.map((dish) => [dish.id, dish.name]));
}

type Query = { horizon: 7 | 28; now?: number };

/** The forecast's own query parameters (after the owner routes' `groupId` and `locale`). */
function parseQuery(c: Ctx, kit: RouteKit): Query | Response {
  const horizonParam = c.req.query('horizon') ?? '7';
  if (horizonParam !== '7' && horizonParam !== '28') {
    return kit.fail(c, 400, 'bad_request', 'horizon must be 7 or 28 (days)', 'horizon');
  }
  const now = pinnedNowOf(c, kit);
  if (now instanceof Response) return now;
  return { horizon: horizonParam === '7' ? 7 : 28, ...(now === undefined ? {} : { now }) };
}

const CSV_HEADER = [
  'group_id',
  'generated_at',
  'metric',
  'dish_id',
  'date',
  'mean',
  'lo80',
  'hi80',
  'lo95',
  'hi95',
  'holiday',
];

function csvRows(row: Row): string[] {
  const stored = JSON.parse(row.data) as StoredForecast;
  const lines: string[] = [];
  const series = [
    { metric: 'orders', s: stored.orders },
    { metric: 'revenue', s: stored.revenue },
    ...stored.dishes.map((s) => ({ metric: 'dish', s })),
  ];
  for (const { metric, s } of series)
    for (const p of s.points)
      lines.push(
        [
          row.group_id,
          row.computed_at,
          metric,
          s.dishId ?? '',
          p.date,
          p.mean,
          p.lo80,
          p.hi80,
          p.lo95,
          p.hi95,
          p.holiday ?? '',
        ]
          .map(csvCell)
          .join(','),
      );
  return lines;
}

export const forecastRoutes: RouteModule = (app, kit) => {
  app.get('/v1/insights/forecast', async (c) => {
    const request = await ownerRequest(c, kit, () => parseQuery(c, kit));
    if (request instanceof Response) return request;
    const { tenant, groupId, locale, owner } = request;
    const { horizon, now } = request.extra;

    const row = await kit.db.get<Row>(
      'SELECT group_id, computed_at, data FROM forecasts WHERE tenant_id = ? AND group_id = ?',
      [tenant.id, groupId],
    );
    if (!row) {
      return kit.fail(
        c,
        404,
        'not_found',
        'no forecast for this groupId yet: the worker computes one daily',
        'groupId',
      );
    }
    const stored = JSON.parse(row.data) as StoredForecast;
    const newRestaurant = stored.historyDays < MIN_HISTORY_DAYS;
    const result = forecastResponse({
      groupId: groupId,
      locale,
      horizon,
      today: todayOf(now ?? kit.now(), stored.timeZone),
      generatedAt: row.computed_at,
      stored,
      dishNames: await dishNames(kit.db, tenant.id),
      outlook: newRestaurant
        ? outlookFor({ region: stored.region, ...stored.traits }, await peersOf(kit.db, tenant.id, groupId))
        : undefined,
    });
    // The restaurant's order data, read for its verified owner.
    await kit.audit(c, tenant, {
      purpose: 'owner_insights',
      action: 'read',
      target: 'forecast',
      subject: owner,
      detail: { groupId: groupId },
    });
    c.header('Cache-Control', 'no-store');
    return c.json(result);
  });

  const admin = adminGate(kit, 'export forecasts');
  app.get('/v1/admin/forecasts.csv', async (c) => {
    const auth = await admin(c);
    if (auth instanceof Response) return auth;
    const groupId = c.req.query('groupId');
    if (groupId !== undefined && (groupId === '' || groupId.length > MAX_GROUP_ID)) {
      return kit.fail(c, 400, 'bad_request', `groupId must be 1–${MAX_GROUP_ID} characters`, 'groupId');
    }
    const rows = await kit.db.all<Row>(
      `SELECT group_id, computed_at, data FROM forecasts WHERE tenant_id = ?${groupId === undefined ? '' : ' AND group_id = ?'}
       ORDER BY group_id`,
      groupId === undefined ? [auth.tenant.id] : [auth.tenant.id, groupId],
    );
    await kit.audit(c, auth.tenant, {
      purpose: 'export forecasts',
      action: 'export',
      target: 'forecasts',
      detail: { groupId: groupId ?? '*', restaurants: rows.length },
    });
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header(
      'Content-Disposition',
      `attachment; filename="forecasts${groupId === undefined ? '' : `-${groupId.replace(/[^\w.-]/g, '_')}`}.csv"`,
    );
    return c.body(`${[CSV_HEADER.join(','), ...rows.flatMap(csvRows)].join('\r\n')}\r\n`);
  });
};
