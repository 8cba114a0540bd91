/** One bar per series in each row, e.g. committed and paid money for an area. */
export interface ChartRow {
  label: string;
  values: number[];
}

export interface ChartSeries {
  name: string;
  /** A fill with at least 3:1 contrast against white (WCAG 1.4.11). */
  colour: string;
}

export interface BarChart {
  /** Says what the chart shows; also its accessible name. */
  title: string;
  series: ChartSeries[];
  rows: ChartRow[];
  /** How a value reads beside its bar, e.g. pence as pounds. */
  format: (value: number) => string;
}

const WIDTH = 640;
const LABEL_WIDTH = 200;
const VALUE_WIDTH = 110;
const BAR_HEIGHT = 14;
const BAR_GAP = 4;
const ROW_GAP = 14;
const LEGEND_HEIGHT = 28;
const FONT = 'font-family="arial, sans-serif" font-size="13"';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Long labels are cut to fit beside the bars; the full one is in the table under the chart. */
function fit(label: string): string {
  return label.length > 24 ? `${label.slice(0, 23)}…` : label;
}

let ids = 0;

/**
 * A horizontal bar chart as SVG markup, drawn on the server: it needs no script, scales to any width and
 * prints. Every piece of text is escaped here, which is what makes it safe to put in a page unescaped.
 * The chart is an image with an accessible name; the same figures are in a table beside it for anyone
 * who cannot see it.
 */
export function renderBarChart(chart: BarChart): string {
  const id = `chart-${++ids}`;
  const max = Math.max(1, ...chart.rows.flatMap((r) => r.values));
  const plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const rowHeight = chart.series.length * (BAR_HEIGHT + BAR_GAP) - BAR_GAP + ROW_GAP;
  const height = LEGEND_HEIGHT + Math.max(1, chart.rows.length) * rowHeight;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" ` +
      `aria-labelledby="${id}-title" class="portal-chart">`,
    `<title id="${id}-title">${escapeXml(chart.title)}</title>`,
  ];
  chart.series.forEach((s, i) => {
    const x = LABEL_WIDTH + i * 150;
    parts.push(
      `<rect x="${x}" y="4" width="14" height="14" fill="${s.colour}"/>`,
      `<text x="${x + 20}" y="16" ${FONT} fill="#0b0c0c">${escapeXml(s.name)}</text>`,
    );
  });
  if (chart.rows.length === 0) {
    parts.push(`<text x="0" y="${LEGEND_HEIGHT + 14}" ${FONT} fill="#0b0c0c">Nothing to show yet</text>`);
  }
  chart.rows.forEach((row, r) => {
    const top = LEGEND_HEIGHT + r * rowHeight;
    parts.push(
      `<text x="${LABEL_WIDTH - 8}" y="${top + BAR_HEIGHT - 2}" text-anchor="end" ${FONT} fill="#0b0c0c">` +
        `${escapeXml(fit(row.label))}</text>`,
    );
    row.values.forEach((value, i) => {
      const y = top + i * (BAR_HEIGHT + BAR_GAP);
      const width = value > 0 ? Math.max(1, Math.round((value / max) * plot)) : 0;
      parts.push(
        `<rect x="${LABEL_WIDTH}" y="${y}" width="${width}" height="${BAR_HEIGHT}" fill="${chart.series[i]!.colour}"/>`,
        `<text x="${LABEL_WIDTH + width + 6}" y="${y + BAR_HEIGHT - 2}" ${FONT} fill="#0b0c0c">` +
          `${escapeXml(chart.format(value))}</text>`,
      );
    });
  });
  parts.push('</svg>');
  return parts.join('');
}
