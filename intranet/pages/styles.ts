/** The demo intranet's stylesheet, served at /assets/intranet.css (no inline styles, so a strict CSP holds). */
export const INTRANET_CSS = `
:root { --accent: #005ea5; --text: #1b1b1b; --muted: #555; --bg: #fff; --line: #ccc; font-family: system-ui, sans-serif; color: var(--text); background: var(--bg); }
body { margin: 0; line-height: 1.5; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid #1b1b1b; outline-offset: 2px; }
header.site :focus-visible { outline-color: #ffbf47; }
.plain { list-style: none; padding: 0; }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 10; }
header.site { background: var(--accent); color: #fff; padding: .75rem 1.5rem; display: flex; gap: 1.5rem; align-items: center; flex-wrap: wrap; }
header.site a { color: #fff; }
header.site .brand { font-weight: 700; font-size: 1.2rem; text-decoration: none; }
header.site nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: 0; padding: 0; }
header.site nav li { overflow-wrap: normal; hyphens: none; }
header.site .user { margin-left: auto; display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; }
header.site form { margin: 0; }
header.site button { background: #fff; color: var(--accent); border: 0; padding: .3rem .7rem; border-radius: 4px; cursor: pointer; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
footer.site { border-top: 1px solid var(--line); color: var(--muted); padding: 1rem 1.5rem; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 1rem; margin: 0 0 1rem; }
.muted { color: var(--muted); }
label { display: block; font-weight: 600; margin-top: .75rem; }
input, select, textarea { font: inherit; padding: .4rem; border: 1px solid #767676; border-radius: 4px; max-width: 100%; box-sizing: border-box; }
button.primary { background: var(--accent); color: #fff; border: 0; padding: .5rem 1rem; border-radius: 4px; font: inherit; cursor: pointer; margin-top: 1rem; }
.error { color: #b00020; font-weight: 600; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: .4rem; text-align: left; vertical-align: top; }
.filters { display: flex; gap: 1rem; flex-wrap: wrap; align-items: flex-end; }
.filters label { margin-top: 0; }
.filters > div { max-width: 100%; }
dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .25rem 1.5rem; }
dt { font-weight: 600; }
dd { margin: 0; }
.card > :first-child { margin-top: 0; }
.quote { border-left: 4px solid var(--line); margin: 0; padding-left: 1rem; white-space: pre-wrap; }
.pre { white-space: pre-wrap; }
/* Reflow at 320 CSS px (WCAG 1.4.10): long Swedish compounds and unbroken text wrap anywhere rather
   than push the page sideways; a wide table scrolls inside its own focusable region. In the table
   only the title column may break inside words (\`anywhere\` also lets a column shrink below its
   longest word); the short columns keep whole words. */
h1, h2, h3, p, li, dd, .quote, td:first-child { overflow-wrap: anywhere; hyphens: auto; }
td { overflow-wrap: break-word; }
/* The title column keeps room for a few words at 320 px: squeezed to its longest word's width by the short
   columns, a title stood one syllable to a line. The table scrolls in its region instead. */
td:first-child { min-width: 9em; }
.table-wrap { overflow-x: auto; }
.pager { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; margin: 1rem 0; }
`;
