/**
 * results.xlsx: the study for planners who work in Excel (@RISK and SAM users) — the summary per
 * layout, the annual cash flows, the inputs and assumptions, why each layout wins, and every
 * replication — written with exceljs, loaded only when a report is drawn.
 *
 * Same study ⇒ same bytes: the document's created and modified dates, and the date stamped on each
 * file inside the zip, are fixed (1980-01-01, the zip format's epoch) instead of the time of writing.
 * When the study ran is in manifest.json, beside the workbook, like everything else that may differ
 * between two runs of the same study.
 */
import { createRequire } from 'node:module';
import type { Workbook, Worksheet } from 'exceljs';
import { METRICS } from '../sim/campus/metrics.js';
import { WORLD_DRIVERS } from '../sim/campus/world-drivers.js';
import { NPV_SEGMENTS } from '../sim/finance/segments.js';
import type { Assumptions } from '../sim/scenario/assumptions.js';
import { inputColumn, worldColumn } from '../sim/study/csv.js';
import type { Row } from '../sim/study/replicate.js';
import type { Summary } from '../sim/study/summarize.js';
import { columns, probabilityAbove } from './charts/s-curve.js';
import { waterfallSteps } from './charts/waterfall.js';
import { inputLabel, periodLabel } from './words.js';

/** The dates every workbook carries (see above). */
export const WORKBOOK_DATE = new Date(Date.UTC(1980, 0, 1));

/** Excel's last row: replications beyond it are left out of the replications sheet, and the summary sheet says so. */
const EXCEL_ROWS = 1_048_576;

export interface WorkbookInput {
  summary: Summary;
  rows: readonly Row[];
  targetUSD: number;
  assumptions?: Assumptions;
  inputs: ReadonlyArray<{ id: string; text: string; variants?: readonly string[]; unit?: string }>;
}

export const SHEETS = ['summary', 'annual cash flows', 'why it wins', 'inputs', 'replications'] as const;

const USD = '#,##0;[Red]-#,##0';
const SHARE = '0.0%';

export async function writeWorkbook(w: WorkbookInput): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'campus-sim';
  book.lastModifiedBy = 'campus-sim';
  book.created = WORKBOOK_DATE;
  book.modified = WORKBOOK_DATE;
  summarySheet(book, w);
  annualSheet(book, w.summary);
  whySheet(book, w.summary);
  inputsSheet(book, w);
  replicationsSheet(book, w);
  return withZipDate(() => book.xlsx.writeBuffer()).then((buffer) => new Uint8Array(buffer as ArrayBuffer));
}

/**
 * Runs `write` with the zip library exceljs uses stamping WORKBOOK_DATE on every file it adds
 * (JSZip.defaults.date, which it otherwise fills with the time of writing), then puts it back.
 */
async function withZipDate<T>(write: () => Promise<T>): Promise<T> {
  const fromExceljs = createRequire(createRequire(import.meta.url).resolve('exceljs'));
  const defaults = (fromExceljs('jszip') as { defaults: { date: Date | null } }).defaults;
  const before = defaults.date;
  defaults.date = WORKBOOK_DATE;
  try {
    return await write();
  } finally {
    defaults.date = before;
  }
}

/** A header row in bold, frozen above the data, with a filter on it. */
function table(sheet: Worksheet, head: string[], rows: unknown[][], formats: Array<string | undefined> = []): void {
  const header = sheet.addRow(head);
  header.font = { bold: true };
  for (const r of rows) sheet.addRow(r.map((x) => (typeof x === 'number' && !Number.isFinite(x) ? null : x)));
  formats.forEach((f, i) => {
    if (f) sheet.getColumn(i + 1).numFmt = f;
  });
  head.forEach((h, i) => (sheet.getColumn(i + 1).width = Math.min(48, Math.max(10, h.length + 2))));
  sheet.views = [{ state: 'frozen', ySplit: header.number }];
  sheet.autoFilter = { from: { row: header.number, column: 1 }, to: { row: header.number, column: head.length } };
}

const quantile = (m: Summary['variants'][number]['metrics']['npvUSD'], p: number) => m.quantiles.find((q) => q.p === p)?.value ?? NaN;

function summarySheet(book: Workbook, w: WorkbookInput): void {
  const s = w.summary;
  const sheet = book.addWorksheet('summary');
  const npv = columns(w.rows, s.variants.map((v) => v.name));
  const target = w.targetUSD;
  sheet.addRow([`${s.scenario}: net present value per layout, USD`]).font = { bold: true, size: 13 };
  sheet.addRow([`${s.replications} replications · seed ${s.seed} · ${Math.round(s.confidence * 100)} % intervals · baseline ${s.baseline} · target ${target} USD · ${s.stopping.detail}`]);
  const dropped = Math.max(0, w.rows.length - (EXCEL_ROWS - 1));
  if (dropped > 0) sheet.addRow([`The replications sheet holds the first ${EXCEL_ROWS - 1} rows of ${w.rows.length} (Excel's limit); replications.csv holds them all.`]);
  sheet.addRow([]);
  table(
    sheet,
    ['layout', 'mean NPV', 'CI low', 'CI high', 'p10', 'p50', 'p90', 'CVaR 5 %', 'P(NPV < 0)', `P(NPV > target)`, 'Δ vs baseline', 'Δ CI low', 'Δ CI high', 'P(better)'],
    s.variants.map((v) => {
      const m = v.metrics.npvUSD;
      const d = v.versusBaseline?.npvUSD;
      return [v.name, m.mean, m.lower, m.upper, quantile(m, 0.1), quantile(m, 0.5), quantile(m, 0.9), m.cvar5, m.probabilityOfLoss ?? null, probabilityAbove(npv.get(v.name)!, target), d?.meanDifference ?? null, d?.lower ?? null, d?.upper ?? null, d?.probabilityBetter ?? null];
    }),
    [undefined, USD, USD, USD, USD, USD, USD, USD, SHARE, SHARE, USD, USD, USD, SHARE],
  );
}

function annualSheet(book: Workbook, s: Summary): void {
  const a = s.annualCashFlows;
  const sheet = book.addWorksheet('annual cash flows');
  if (!a) return;
  sheet.addRow(['Undiscounted cash by year of the horizon, USD: the mean of each segment (they add up to the mean net) and the net’s p10, p50 and p90 over replications. The last period is what is valued at the horizon.']);
  sheet.addRow([]);
  table(
    sheet,
    ['layout', 'period', 'year', 'from', 'to', ...NPV_SEGMENTS.map((seg) => `${seg.label} (mean)`), 'net (mean)', 'net p10', 'net p50', 'net p90'],
    a.variants.flatMap((v) =>
      a.periods.map((p, i) => [v.name, p.label, periodLabel(p), p.from ?? '', p.to ?? '', ...NPV_SEGMENTS.map((seg) => v.bySegment[seg.metric][i]), v.net[i].mean, v.net[i].p10, v.net[i].p50, v.net[i].p90]),
    ),
    [undefined, undefined, undefined, undefined, undefined, ...NPV_SEGMENTS.map(() => USD), USD, USD, USD, USD],
  );
}

function whySheet(book: Workbook, s: Summary): void {
  const sheet = book.addWorksheet('why it wins');
  sheet.addRow([`Mean NPV less ${s.baseline}’s on the same worlds, by segment, USD: the segments add up to the total.`]);
  sheet.addRow([]);
  table(sheet, ['layout', 'segment', 'Δ NPV', 'running total'], waterfallSteps(s).map((x) => [x.variant, x.step, x.amount, x.to]), [undefined, undefined, USD, USD]);
}

function inputsSheet(book: Workbook, w: WorkbookInput): void {
  const sheet = book.addWorksheet('inputs');
  const bold = (text: string) => (sheet.addRow([text]).font = { bold: true });
  bold('World (shared by every layout), as the scenario writes it');
  for (const a of w.assumptions?.world ?? []) sheet.addRow([a.topic, a.value]);
  sheet.addRow([]);
  bold('Layouts: what each changes against the base campus');
  for (const l of w.assumptions?.layouts ?? []) {
    sheet.addRow([l.name, l.description]);
    for (const c of l.changes) sheet.addRow(['', c.key, c.value]);
  }
  sheet.addRow([]);
  bold('Uncertain inputs, drawn once per replication');
  sheet.addRow(['input', 'in plain words', 'distribution', 'unit of the draws', 'read by']).font = { bold: true };
  for (const i of w.inputs) sheet.addRow([i.id, inputLabel(i.id), i.text, i.unit ?? '', (i.variants ?? []).join(', ')]);
  sheet.addRow([]);
  bold('What the worlds turned out to be, over replications');
  sheet.addRow(['driver', 'meaning', 'mean', 'p10', 'p50', 'p90']).font = { bold: true };
  for (const d of w.summary.world) sheet.addRow([d.name, d.description, ...[d.mean, d.p10, d.p50, d.p90].map((x) => (Number.isFinite(x) ? x : null))]);
  sheet.getColumn(1).width = 28;
  sheet.getColumn(2).width = 60;
  sheet.getColumn(3).width = 40;
}

function replicationsSheet(book: Workbook, w: WorkbookInput): void {
  const sheet = book.addWorksheet('replications');
  const head = ['replication', 'variant', ...METRICS, ...w.inputs.map((i) => inputColumn(i.id)), ...WORLD_DRIVERS.map((d) => worldColumn(d.name))];
  const rows = w.rows.slice(0, EXCEL_ROWS - 1).map((r) => [r.replication, r.variant, ...METRICS.map((m) => r.metrics[m]), ...r.inputs, ...r.drivers]);
  table(sheet, head, rows);
}
