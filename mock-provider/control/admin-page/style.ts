/** The admin page's style: plain CSS, inline under the page's nonce. */
export const STYLE = `
:root{--fg:#1b1b1b;--muted:#5b5b5b;--line:#d8d8d8;--warn:#a40000;--hit:#fff1c2}
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,sans-serif;color:var(--fg);margin:0}
main{max-width:78rem;margin:0 auto;padding:0 1rem 3rem}
.mock-banner{background:repeating-linear-gradient(135deg,#ffd84d 0 18px,#ffe98a 18px 36px);border-bottom:3px solid #1b1b1b;padding:.6rem 1rem;text-align:center}
.mock-banner p{margin:0;font-size:1rem}
.mock-banner strong{color:var(--warn);font-size:1.15rem;letter-spacing:.02em}
.title{display:flex;align-items:center;justify-content:space-between;gap:1rem}
h1{font-size:1.5rem;margin:1rem 0 .25rem}
h2{font-size:1.2rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.25rem 0}
.facts dt{color:var(--muted)}.facts dd{margin:0}
.hint,.note{color:var(--muted);font-size:.9rem;margin:.25rem 0}
.error{color:var(--warn)}
.error ul{margin:.25rem 0}
fieldset{border:1px solid var(--line);border-radius:6px;margin:.5rem 0;padding:.5rem .75rem}
legend{font-weight:600;padding:0 .25rem}
.field{display:grid;grid-template-columns:11rem minmax(10rem,22rem) 1fr;gap:.25rem .75rem;align-items:start;margin:.3rem 0}
.field small{color:var(--muted)}
input,select,textarea,button{font:inherit}
input,select,textarea{padding:.2rem .35rem;width:100%}
textarea{min-height:3.2rem;font-family:ui-monospace,monospace;font-size:.85rem}
button{padding:.25rem .8rem;cursor:pointer}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.9rem}
th,td{border-bottom:1px solid var(--line);padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:#f4f4f4;position:sticky;top:0}
td code,dd code{font-size:.85rem;word-break:break-all}
tr.faulted td{background:var(--hit)}
tr.pending td{color:var(--muted)}
.scroll{max-height:28rem;overflow:auto;border:1px solid var(--line)}
.scroll table{margin:0}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
`;
