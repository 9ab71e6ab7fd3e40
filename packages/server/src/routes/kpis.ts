/**
 * `GET /v1/admin/kpis?from=&to=&interval=day|week[&format=csv]` (admin key): the tenant's KPI report from the
 * tables the worker keeps (kpis/). JSON (`KpiReport`), or CSV with `Accept: text/csv` or `format=csv`.
 * Definitions: docs/admin-api.md, "KPI report".
 */
import type { KpiInterval, KpiReport } from '@matbakh/contract';
import { authorizeKey, keyRule } from '../auth.ts';
import { reportCsv } from '../kpis/csv.ts';
import { addDays, dayOfMs, daysBetween, isDay } from '../kpis/periods.ts';
import { kpiReport, type ReportQuery } from '../kpis/report.ts';
import type { Ctx, RouteKit, RouteModule } from '../route-kit.ts';

/** Default range: the last four weeks up to today. */
const DEFAULT_DAYS = 28;
/** At most a year of days, or three of weeks, in one answer. */
const MAX_DAYS: Record<KpiInterval, number> = { day: 366, week: 3 * 366 };

type Parsed = (ReportQuery & { format: 'json' | 'csv' }) | { field: string; message: string };

function parseQuery(c: Ctx, today: string): Parsed {
  const interval = c.req.query('interval') ?? 'day';
  if (interval !== 'day' && interval !== 'week') return { field: 'interval', message: 'interval must be day or week' };
  const to = c.req.query('to') ?? today;
  if (!isDay(to)) return { field: 'to', message: 'to must be a day as YYYY-MM-DD' };
  const from = c.req.query('from') ?? addDays(to, -(DEFAULT_DAYS - 1));
  if (!isDay(from)) return { field: 'from', message: 'from must be a day as YYYY-MM-DD' };
  if (from > to) return { field: 'from', message: 'from must not be after to' };
  if (daysBetween(from, to) >= MAX_DAYS[interval]) {
    return { field: 'to', message: `a ${interval} report covers at most ${MAX_DAYS[interval]} days` };
  }
  const format = c.req.query('format') ?? (/\btext\/csv\b/i.test(c.req.header('accept') ?? '') ? 'csv' : 'json');
  if (format !== 'json' && format !== 'csv') return { field: 'format', message: 'format must be json or csv' };
  return { from, to, interval, format };
}

export const kpiRoutes: RouteModule = (app, kit: RouteKit) => {
  // Reports are the admin key's (issue 16): the secret key feeds data in, the publishable one never reads out.
  const rule = keyRule(kit, ['admin'], 'read the KPI report');

  app.get('/v1/admin/kpis', async (c) => {
    const auth = await authorizeKey(kit, c, rule);
    if (auth instanceof Response) return auth;
    const query = parseQuery(c, dayOfMs(kit.now()));
    if ('field' in query) return kit.fail(c, 400, 'bad_request', query.message, query.field);
    const report = await kpiReport(kit.db, auth.tenant, query);
    kit.logFields(c, { periods: report.periods.length });
    c.header('Cache-Control', 'no-store');
    c.header('Vary', 'Accept, Origin');
    if (query.format === 'csv') {
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="kpis-${query.from}-${query.to}-${query.interval}.csv"`);
      return c.body(reportCsv(report));
    }
    return c.json<KpiReport>(report);
  });
};
