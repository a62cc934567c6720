/**
 * The report's only script: filters by verdict, category and text, and opening the scenario a
 * link (`#s-3`) points at. Plain DOM, no framework; the page is complete without it (every
 * scenario is listed, details open with a click), so a reader with scripts off loses only the
 * filters. The page's CSP allows exactly this text by its hash.
 */
export const FILTERS_SCRIPT = `
(() => {
  const form = document.getElementById('filters');
  const scenarios = Array.from(document.querySelectorAll('details.scenario'));
  const verdicts = Array.from(form.querySelectorAll('input[name=verdict]'));
  const category = form.querySelector('select[name=category]');
  const text = form.querySelector('input[name=q]');
  const shown = form.querySelector('.shown');
  const none = document.getElementById('none');

  function apply() {
    const wanted = new Set(verdicts.filter((box) => box.checked).map((box) => box.value));
    const needle = text.value.trim().toLowerCase();
    let count = 0;
    for (const scenario of scenarios) {
      const match = wanted.has(scenario.dataset.verdict) &&
        (category.value === '' || scenario.dataset.category === category.value) &&
        (needle === '' || scenario.dataset.search.includes(needle));
      scenario.hidden = !match;
      if (match) count++;
    }
    shown.textContent = count + ' of ' + scenarios.length + ' scenarios shown';
    none.hidden = count > 0;
  }

  form.addEventListener('input', apply);
  form.addEventListener('submit', (event) => event.preventDefault());
  form.querySelector('[data-action=reset]').addEventListener('click', () => {
    for (const box of verdicts) box.checked = true;
    category.value = '';
    text.value = '';
    apply();
  });
  form.querySelector('[data-action=expand]').addEventListener('click', () => {
    for (const scenario of scenarios) if (!scenario.hidden) scenario.open = true;
  });
  form.querySelector('[data-action=collapse]').addEventListener('click', () => {
    for (const scenario of scenarios) scenario.open = false;
  });
  for (const cell of document.querySelectorAll('.matrix button')) {
    cell.addEventListener('click', () => {
      for (const box of verdicts) box.checked = box.value === cell.dataset.verdict;
      category.value = cell.dataset.category;
      text.value = '';
      apply();
      form.scrollIntoView({ block: 'start' });
    });
  }

  function openTarget() {
    const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.matches('details.scenario')) {
      target.hidden = false;
      target.open = true;
      target.scrollIntoView({ block: 'start' });
    }
  }
  window.addEventListener('hashchange', openTarget);
  apply();
  openTarget();
})();
`;
