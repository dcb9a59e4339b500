import type { AlertLevel } from './reporting.js';

/**
 * The dashboard's words in the two built-in languages. They load with the dashboard's chunk, never
 * with the customer widgets.
 *
 * @example
 * ```ts
 * DASHBOARD_WORDS.en.trend; // 'Trend'
 * ```
 */
export const DASHBOARD_WORDS = {
  'zh-CN': {
    title: '投诉管理看板',
    period: '统计期间 {from} 至 {to}',
    loading: '加载中…',
    empty: '本期间无数据',
    sharesBy: { intakeChannel: '按投诉渠道', businessCategory: '按业务类别', businessMajor: '按业务大类', cause: '按投诉原因' },
    others: '其他',
    complaints: '{n} 件',
    timeliness: '各机构按时办结率',
    decided: '已办结 {n} 件',
    noDecision: '无办结',
    rates: '关键比率',
    volume: '投诉量',
    timelinessRate: '按时办结率',
    repeatRate: '重复投诉率',
    satisfactionRate: '满意率',
    trend: '投诉量趋势',
    trendOf: '{metric}趋势（按{interval}）',
    month: '月',
    week: '周',
    day: '日',
    quarter: '季度',
    mom: '环比',
    yoy: '同比',
    latest: '{period}：{value}',
    noBase: '无可比数据',
    newBase: '上期为零',
    heatMap: '各省投诉分布',
    heatLegend: '颜色越深投诉越多；灰色为无数据',
    notRegional: '非属地业务 {n} 件',
    table: '数据表',
    region: '地区',
    alerts: '未处理预警',
    noAlerts: '没有未处理的预警',
    level: { info: '提示', warn: '注意', alert: '预警' } satisfies Record<AlertLevel, string>,
    alertFigures: '当前值 {value}，阈值 {threshold}（{from} 至 {to}）',
    organisation: '机构',
    value: '数值',
    change: '变化',
  },
  en: {
    title: 'Complaint dashboard',
    period: 'From {from} to {to}',
    loading: 'Loading…',
    empty: 'No data for this period',
    sharesBy: { intakeChannel: 'By intake channel', businessCategory: 'By business category', businessMajor: 'By business line', cause: 'By cause' },
    others: 'Others',
    complaints: '{n} complaints',
    timeliness: 'Timeliness by organisation',
    decided: '{n} decided',
    noDecision: 'none decided',
    rates: 'Key rates',
    volume: 'Complaints',
    timelinessRate: 'Timeliness',
    repeatRate: 'Repeat rate',
    satisfactionRate: 'Satisfaction',
    trend: 'Complaint trend',
    trendOf: '{metric} by {interval}',
    month: 'month',
    week: 'week',
    day: 'day',
    quarter: 'quarter',
    mom: 'MoM',
    yoy: 'YoY',
    latest: '{period}: {value}',
    noBase: 'nothing to compare',
    newBase: 'base was zero',
    heatMap: 'Complaints by province',
    heatLegend: 'Darker means more complaints; grey means no data',
    notRegional: '{n} not regional',
    table: 'Data table',
    region: 'Region',
    alerts: 'Open alerts',
    noAlerts: 'No open alerts',
    level: { info: 'Info', warn: 'Warning', alert: 'Alert' } satisfies Record<AlertLevel, string>,
    alertFigures: 'value {value}, threshold {threshold} ({from} to {to})',
    organisation: 'Organisation',
    value: 'Value',
    change: 'Change',
  },
} as const;

/** The dashboard's words in one language. @example `const w: DashboardWords = DASHBOARD_WORDS.en;` */
export type DashboardWords = (typeof DASHBOARD_WORDS)[keyof typeof DASHBOARD_WORDS];

/**
 * A message with `{name}` placeholders filled (values are text, never markup).
 *
 * @example
 * ```ts
 * fill('{n} 件', { n: 3 }); // '3 件'
 * ```
 */
export const fill = (text: string, params: Record<string, string | number>): string =>
  text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
