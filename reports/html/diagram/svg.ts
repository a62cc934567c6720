import { html } from '../escape.js';
import { LANE_LABELS } from './lanes.js';
import type { DiagramItem, DiagramLayout } from './layout.js';

/**
 * Draws a laid-out sequence diagram as inline SVG. Arrowheads are drawn per arrow rather than as
 * <marker>s: markers need document-wide ids, and a report holds one diagram per scenario.
 * Colours come from the page's stylesheet (classes `fault`, `wrong`, `broken`), so the legend
 * and the diagram cannot disagree. Every text is escaped; tooltips are <title> elements.
 */
export function renderDiagram(layout: DiagramLayout, label: string): string {
  const { width, height } = layout;
  const lanes = layout.lanes.map(({ lane, x }) =>
    [
      `<line class="lifeline" x1="${x}" y1="40" x2="${x}" y2="${height - 6}"/>`,
      `<rect class="lane" x="${x - 48}" y="12" width="96" height="26" rx="4"/>`,
      `<text class="lane-label" x="${x}" y="29" text-anchor="middle">${html(LANE_LABELS[lane])}</text>`,
    ].join(''),
  );
  return [
    `<svg class="diagram" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${html(label)}">`,
    `<title>${html(label)}</title>`,
    ...lanes,
    ...layout.items.map(item),
    '</svg>',
  ].join('\n');
}

function item(entry: DiagramItem): string {
  switch (entry.type) {
    case 'time':
      return `<text class="time" x="6" y="${entry.y + 4}">${html(entry.text)}</text>`;
    case 'note':
      return `<g class="note ${entry.tone}"><title>${html(entry.tooltip)}</title><text x="${entry.x}" y="${entry.y}">${html(entry.text)}</text></g>`;
    case 'message':
      return message(entry);
  }
}

function message(m: Extract<DiagramItem, { type: 'message' }>): string {
  const direction = Math.sign(m.to - m.from);
  const tip = m.to - direction * 1;
  const head = `${tip},${m.y} ${tip - direction * 8},${m.y - 4} ${tip - direction * 8},${m.y + 4}`;
  const classes = ['message', m.kind, ...m.tones].join(' ');
  const labelX = (m.from + m.to) / 2;
  return [
    `<g class="${classes}"><title>${html(m.tooltip)}</title>`,
    `<line x1="${m.from}" y1="${m.y}" x2="${tip - direction * 6}" y2="${m.y}"/>`,
    `<polygon points="${head}"/>`,
    `<text x="${labelX}" y="${m.y - 5}" text-anchor="middle">${html(m.label)}</text>`,
    '</g>',
  ].join('');
}
