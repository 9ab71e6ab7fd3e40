/**
 * The parts of the KPI report (`GET /v1/admin/kpis`) and the live events (`GET /v1/admin/events/live`) the console
 * reads. Those endpoints are newer than some servers the console meets, so their shapes are read defensively: any
 * field may be missing, and the page shows what it has.
 */
export type Rate = number | null;

export interface KpiVariant {
  variant: string;
  exposed: number;
  converted: number;
  rate: Rate;
  isControl: boolean;
  lift: number | null;
  liftLow: number | null;
  liftHigh: number | null;
  pValue: number | null;
}

export interface KpiExperiment {
  experiment: string;
  control: string;
  variants: KpiVariant[];
}

export interface KpiPeriod {
  start: string;
  end: string;
  adoption?: { activeVisitors?: number; dashboardViews?: number; dashboardAdoption?: Rate };
  consent?: { decisions?: number; optIn?: Record<string, { granted: number; rate: Rate }> };
  recommendations?: { impressions?: number; clicks?: number; attributedOrders?: number; attributedRevenue?: number };
  actions?: { shown?: number; accepted?: number; converted?: number };
  tours?: { started?: number; completed?: number };
  retention?: {
    personalized?: { visitors: number; retained: number; rate: Rate };
    nonPersonalized?: { visitors: number; retained: number; rate: Rate };
  };
}

export interface KpiReport {
  from: string;
  to: string;
  computedAt: string | null;
  periods: KpiPeriod[];
  experiments?: KpiExperiment[];
}

export interface LiveEvent {
  id: number;
  receivedAt: string;
  status: 'accepted' | 'refused';
  path: string;
  type?: string;
  event?: string;
  name?: string;
  refusal?: { reason: string; [detail: string]: unknown };
}
