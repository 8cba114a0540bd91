import { formatPence } from '@grants/common';
import { describe, expect, it } from 'vitest';
import { escapeXml, renderBarChart } from './bar-chart';

const SERIES = [
  { name: 'Committed', colour: '#1d70b8' },
  { name: 'Paid', colour: '#00703c' },
];

describe('server-rendered bar charts', () => {
  it('draws one bar per series per row, longest for the largest value, with the value beside it', () => {
    const svg = renderBarChart({
      title: 'Money by area',
      series: SERIES,
      rows: [
        { label: 'Worcester', values: [200_000, 50_000] },
        { label: 'Malvern Hills', values: [100_000, 0] },
      ],
      format: formatPence,
    });
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="chart-\d+-title"/);
    expect(svg).toContain('<title id="');
    expect(svg).toContain('>Money by area</title>');
    const widths = [...svg.matchAll(/<rect x="200" y="(?!4")\d+" width="(\d+)"/g)].map((m) => Number(m[1]));
    expect(widths).toEqual([330, 83, 165, 0]);
    expect(svg).toContain('>£2,000.00</text>');
    expect(svg).toContain('>£0.00</text>');
    expect(svg.match(/<text/g)!.length).toBe(2 + 2 + 4);
  });

  it('escapes every piece of text, so a label can never become markup', () => {
    const svg = renderBarChart({
      title: 'A <script> & "quotes"',
      series: [{ name: '<b>', colour: '#1d70b8' }],
      rows: [{ label: '</text><script>alert(1)</script>', values: [1] }],
      format: () => "'",
    });
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;/text&gt;&lt;script&gt;alert(1)…');
    expect(escapeXml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&#39;');
  });

  it('says when there is nothing to show, and cuts long labels', () => {
    expect(renderBarChart({ title: 'Empty', series: SERIES, rows: [], format: String })).toContain(
      'Nothing to show yet',
    );
    const svg = renderBarChart({
      title: 'Long',
      series: SERIES,
      rows: [{ label: 'Community Safety Partnership of the North', values: [1, 1] }],
      format: String,
    });
    expect(svg).toContain('>Community Safety Partne…</text>');
  });
});
