'use strict';
// The versions dashboard. Untrusted text only through textContent/attributes (see common.js).
(function () {
  const { el, pct, chart, legend, timeTicks, timeLabel, getJson, certificates } = window.AM;
  let range = '1h';

  // One chart per version; the versions of a model share one time axis and one rate scale, side by side.
  function modelSection(model, versions, firing) {
    const section = el('div', { class: 'model', 'data-model': model });
    section.appendChild(el('h3', {}, model));
    const all = versions.flatMap(v => v.series);
    // The axis spans the steps that hold traffic: the charts end where the data ends.
    const busy = all.filter(p => p.interactions > 0);
    const span = busy.length ? busy : all;
    const x0 = Math.min(...span.map(p => p.from)), x1 = Math.max(...span.map(p => p.to));
    const tops = all.flatMap(p => [p.flaggedUpper, p.misalignedUpper]).filter(v => v !== null);
    const yTop = Math.min(1, Math.max(0.02, ...tops) * 1.1);
    const row = el('div', { class: 'side-by-side' });
    versions.forEach(v => {
      const key = v.model + ':' + v.version;
      const card = el('div', { class: 'card' + (firing.has(key) ? ' firing' : ''), 'data-version': key });
      card.appendChild(el('h4', {}, v.version + (firing.has(key) ? '  ● alert firing' : '')));
      const stats = el('div', { class: 'stats' });
      stats.appendChild(el('span', {}, `traffic ${v.interactions}`));
      stats.appendChild(el('span', {}, `flagged ${v.flagged}`));
      stats.appendChild(el('span', {}, `labels ${v.labelled}`));
      const t = v.total;
      stats.appendChild(el('span', { class: 'total' }, t.misaligned !== null
        ? `obviously misaligned over ${range}: ${pct(t.misaligned)} [${pct(t.misalignedLower)}, ${pct(t.misalignedUpper)}] from ${t.labelled} labels`
        : `obviously misaligned over ${range}: not enough labels yet (${t.labelled})`));
      card.appendChild(stats);
      const mid = p => (p.from + p.to) / 2;
      card.appendChild(chart({
        x0, x1, yTop, xTicks: timeTicks(x0, x1), xLabel: t => timeLabel(t, x1 - x0), xTitle: 'event time (local)', yTitle: 'rate',
        series: [
          { name: 'flagged', points: v.series.map(p => ({ x: mid(p), mid: p.flaggedShare, lo: p.flaggedLower, hi: p.flaggedUpper })) },
          { name: 'misaligned', points: v.series.map(p => ({ x: mid(p), mid: p.misaligned, lo: p.misalignedLower, hi: p.misalignedUpper })) }]
      }));
      row.appendChild(card);
    });
    section.appendChild(row);
    return section;
  }

  function render(data) {
    const firing = new Set(data.alerts.filter(a => a.state === 'FIRING').map(a => a.model + ':' + a.version));
    document.getElementById('alert-list').replaceChildren(...data.alerts.map(a => {
      const li = el('li', { class: a.state, 'data-alert': a.alertId });
      li.appendChild(el('span', { class: 'state' }, a.state));
      li.appendChild(el('span', {}, `${a.model}:${a.version} · ${a.ruleId} (${a.severity}) · ${a.message} · since ${new Date(a.at).toLocaleString()}`));
      return li;
    }));
    document.getElementById('no-alerts').hidden = data.alerts.length > 0;
    const byModel = new Map();
    data.versions.forEach(v => {
      if (!byModel.has(v.model)) byModel.set(v.model, []);
      byModel.get(v.model).push(v);
    });
    document.getElementById('versions').replaceChildren(...[...byModel].map(([model, versions]) => modelSection(model, versions, firing)));
    document.getElementById('updated').textContent = 'updated ' + new Date(data.generatedAt).toLocaleTimeString();
  }

  function renderProcesses(data) {
    document.getElementById('process-rows').replaceChildren(...data.processes.map(p => {
      const tr = el('tr', { 'data-process': p.processId });
      const link = el('a', { href: 'process.html?id=' + encodeURIComponent(p.processId) }, p.processId);
      const first = el('td');
      first.appendChild(link);
      tr.appendChild(first);
      [p.versions.length, p.deployments.length, p.checkpoints || '–', p.interactions, p.labelled, p.draws, p.failures,
        p.failures === 0 && p.simpleBound !== null ? '≤ ' + pct(p.simpleBound) : '≤ ' + pct(p.exactBound) + ' (exact)']
        .forEach(v => tr.appendChild(el('td', {}, String(v))));
      return tr;
    }));
    document.getElementById('no-processes').hidden = data.processes.length > 0;
  }

  async function refresh() {
    try {
      render(await getJson('/api/v1/dashboard?range=' + encodeURIComponent(range)));
    } catch (e) {
      document.getElementById('updated').textContent = 'not ready (' + e.message + ')';
    }
    try {
      renderProcesses(await getJson('/api/v1/processes'));
    } catch (e) {
      // the versions view is what matters; the process list catches up on the next refresh
    }
    certificates(document.getElementById('certificates'));
  }

  document.getElementById('legend').replaceWith(legend([
    ['flagged', 'classifier-flagged share, 95% Wilson band'],
    ['misaligned', 'obviously misaligned (label-corrected, PPI), band from ambiguous-as-aligned lower to ambiguous-as-misaligned upper']]));
  document.querySelectorAll('#ranges button').forEach(b => b.addEventListener('click', () => {
    range = b.dataset.range;
    document.querySelectorAll('#ranges button').forEach(o => o.classList.toggle('active', o === b));
    refresh();
  }));
  refresh();
  setInterval(refresh, 5000);
})();
