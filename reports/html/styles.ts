/**
 * The report's whole stylesheet. System fonts only (the file must open offline and look the same
 * from a CI artefact), light and dark from the reader's setting, no inline style attributes (the
 * page's CSP allows this one hashed <style> element and nothing else).
 */
export const STYLES = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #fff; --panel: #f6f8fa; --line: #d1d9e0;
  --pass: #1a7f37; --fail: #cf222e; --warn: #9a6700; --error: #8250df; --skipped: #6e7781; --fault: #bc4c00; --wrong: #cf222e; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #151b23; --line: #3d444d;
    --pass: #3fb950; --fail: #f85149; --warn: #d29922; --error: #a371f7; --skipped: #9198a1; --fault: #f0883e; --wrong: #ff7b72; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 16px 20px 40px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 24px 0 8px; } h3 { font-size: 14px; margin: 16px 0 6px; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
pre { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; overflow-x: auto; white-space: pre-wrap; word-break: break-word; }
.run { color: var(--muted); margin: 0; }
.counts { display: flex; flex-wrap: wrap; gap: 8px; margin: 16px 0; }
.count { border: 1px solid var(--line); border-radius: 6px; padding: 6px 14px; background: var(--panel); min-width: 92px; }
.count b { display: block; font-size: 22px; }
.v-pass { --v: var(--pass); } .v-fail { --v: var(--fail); } .v-warn { --v: var(--warn); } .v-error { --v: var(--error); } .v-skipped { --v: var(--skipped); }
.count.nonzero b, .badge { color: var(--v); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); }
.matrix td.n, .matrix th.n { text-align: center; width: 76px; }
.matrix button { font: inherit; font-weight: 700; color: var(--v); background: none; border: 1px solid var(--line); border-radius: 4px; padding: 0 10px; cursor: pointer; }
.matrix .zero { color: var(--line); }
.matrix tr.empty th { font-weight: 400; }
#filters { display: flex; flex-wrap: wrap; gap: 10px 16px; align-items: center; padding: 10px 12px; background: var(--panel); border: 1px solid var(--line); border-radius: 6px; position: sticky; top: 0; z-index: 1; }
#filters label { white-space: nowrap; }
#filters input[type=search] { min-width: 220px; padding: 3px 6px; }
#filters .shown { margin-left: auto; color: var(--muted); }
#filters button { font: inherit; }
.scenario { scroll-margin-top: 120px; border: 1px solid var(--line); border-left: 4px solid var(--v); border-radius: 6px; margin: 8px 0; background: var(--bg); }
.scenario > summary { cursor: pointer; padding: 8px 12px; display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: baseline; }
.scenario > summary .title { flex: 1 1 300px; }
.scenario > summary .meta { color: var(--muted); font-size: 12.5px; }
.scenario[open] > summary { border-bottom: 1px solid var(--line); background: var(--panel); }
.scenario .body { padding: 4px 14px 14px; }
.badge { font-weight: 700; white-space: nowrap; }
.where { color: var(--muted); margin: 8px 0 0; }
.headline { font-weight: 600; margin: 10px 0 4px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 14px; margin: 6px 0; }
dt { font-weight: 600; color: var(--muted); } dd { margin: 0; } dd ul { margin: 0; padding-left: 18px; }
.unfired { color: var(--warn); }
.step-failed { color: var(--fail); } .step-passed { color: var(--pass); } .step-skipped { color: var(--skipped); }
.flow { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); }
.legend { color: var(--muted); font-size: 12.5px; margin: 4px 0; }
.legend .fault { color: var(--fault); font-weight: 600; } .legend .wrong { color: var(--wrong); font-weight: 600; }
svg.diagram { display: block; font: 11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
svg.diagram .lifeline { stroke: var(--line); stroke-dasharray: 4 4; }
svg.diagram .lane { fill: var(--panel); stroke: var(--line); }
svg.diagram .lane-label { fill: var(--fg); font-weight: 600; font-size: 12px; }
svg.diagram .time { fill: var(--muted); font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 10px; }
svg.diagram .message line { stroke: var(--fg); stroke-width: 1.2; }
svg.diagram .message polygon { fill: var(--fg); }
svg.diagram .message text { fill: var(--fg); paint-order: stroke; stroke: var(--bg); stroke-width: 3px; }
svg.diagram .response line, svg.diagram .inferred line { stroke-dasharray: 5 3; }
svg.diagram .inferred line { stroke: var(--muted); } svg.diagram .inferred text { fill: var(--muted); font-style: italic; }
svg.diagram .inferred polygon { fill: var(--muted); }
svg.diagram .message.fault line { stroke: var(--fault); stroke-width: 2; } svg.diagram .message.fault polygon, svg.diagram .message.fault text { fill: var(--fault); }
svg.diagram .message.broken text { fill: var(--fail); }
svg.diagram .message.wrong line { stroke: var(--wrong); stroke-width: 3; } svg.diagram .message.wrong polygon, svg.diagram .message.wrong text { fill: var(--wrong); font-weight: 700; }
svg.diagram .note text { paint-order: stroke; stroke: var(--bg); stroke-width: 3px; font-weight: 600; }
svg.diagram .note.fault text { fill: var(--fault); } svg.diagram .note.wrong text { fill: var(--wrong); } svg.diagram .note.broken text { fill: var(--muted); }
.journal td { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; word-break: break-all; }
.journal tr.fault td { color: var(--fault); } .journal tr.wrong td { color: var(--wrong); font-weight: 600; }
figure { margin: 8px 0; } figure img { max-width: min(100%, 640px); border: 1px solid var(--line); border-radius: 4px; }
figcaption { color: var(--muted); font-size: 12.5px; }
#none { color: var(--muted); padding: 16px; text-align: center; }
footer { margin-top: 32px; color: var(--muted); font-size: 12.5px; }
`;
