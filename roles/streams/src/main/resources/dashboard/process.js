'use strict';
// A training process: scorecard, runs grid, and in checkpoint mode rates and judge agreement
// against the training step. Untrusted text only through textContent/attributes (see common.js).
(function () {
  const { el, pct, chart, legend, numberTicks, getJson } = window.AM;
  const id = new URLSearchParams(location.search).get('id') || '';
  const JUDGE_CLASSES = ['judge-a', 'judge-b', 'judge-c', 'judge-d'];

  function interval(i) {
    return i ? `[${pct(i.lower, 1)}, ${pct(i.upper, 1)}]` : '–';
  }

  function renderScorecard(p) {
    const level = pct(1 - p.policy.delta, 0);
    document.getElementById('verdict').textContent = p.draws === 0
      ? 'No run has enough labels yet to count as an environment draw.'
      : p.failures === 0
        ? `${p.draws} environment runs without failure: the probability that a fresh environment draw fails is at most `
          + `${pct(p.simpleBound)} (ln(1/δ)/n; exact ${pct(p.exactBound)}) at ${level} confidence.`
        : `${p.failures} of ${p.draws} counted runs failed: failure probability at most ${pct(p.exactBound)} at ${level} confidence (exact binomial bound).`;
    document.getElementById('policy').textContent = `threshold ${pct(p.policy.threshold, 1)} · δ = ${p.policy.delta} · `
      + `runs need ${p.policy.minLabels} labels to count · ${p.drawsNeededForThreshold} clean runs would bound it at the threshold`
      + (p.from ? ` · traffic ${new Date(p.from).toLocaleString()} – ${new Date(p.to).toLocaleString()}` : '');
    document.getElementById('assumptions').replaceChildren(...p.assumptions.map(a => el('li', {}, a)));
  }

  function renderRuns(p) {
    const deployments = [...new Set(p.runs.map(r => r.deployment))].sort();
    const rows = [];
    const seen = new Map();
    p.runs.forEach(r => {
      const key = r.model + ':' + r.version;
      if (!seen.has(key)) { seen.set(key, new Map()); rows.push([key, r.step]); }
      seen.get(key).set(r.deployment, r);
    });
    const head = el('tr');
    ['version', 'step', ...deployments].forEach(h => head.appendChild(el('th', {}, h)));
    document.querySelector('#runs thead').replaceChildren(head);
    document.querySelector('#runs tbody').replaceChildren(...rows.map(([key, step]) => {
      const tr = el('tr', { 'data-version': key });
      tr.appendChild(el('td', {}, key));
      tr.appendChild(el('td', {}, step === null ? '–' : String(step)));
      deployments.forEach(d => {
        const r = seen.get(key).get(d);
        if (!r) { tr.appendChild(el('td', { class: 'none' }, '–')); return; }
        const td = el('td', { class: 'run ' + r.outcome, 'data-deployment': d, title: r.outcome });
        td.appendChild(el('div', {}, r.labelled ? interval(r.rate) : 'no labels'));
        td.appendChild(el('div', { class: 'muted' }, `${r.labelled} labels · ${r.interactions} traffic · ${r.outcome.toLowerCase().replace('_', ' ')}`));
        tr.appendChild(td);
      });
      return tr;
    }));
  }

  function renderCheckpoints(p) {
    const cps = p.checkpoints.filter(c => c.step !== null);
    document.getElementById('checkpoints').hidden = cps.length === 0;
    if (!cps.length) return;
    const x0 = Math.min(...cps.map(c => c.step)), x1 = Math.max(...cps.map(c => c.step));
    const pad = Math.max(1, (x1 - x0) * 0.04);
    const axis = { x0: x0 - pad, x1: x1 + pad, xTicks: numberTicks(x0, x1), xLabel: v => String(v), xTitle: 'training step' };
    const tops = cps.flatMap(c => [c.flaggedInterval && c.flaggedInterval.upper, c.labelledRate !== null ? c.labelledInterval.upper : null])
      .filter(v => v !== null && v !== undefined);
    document.getElementById('rate-legend').replaceWith(Object.assign(legend([
      ['flagged', 'classifier-flagged share (Wilson)'], ['misaligned', 'label-corrected misaligned rate (prediction-powered, ambiguous as aligned)']]), { id: 'rate-legend' }));
    document.getElementById('rate-chart').replaceChildren(chart(Object.assign({}, axis, {
      yTop: Math.min(1, Math.max(0.02, ...tops) * 1.1), yTitle: 'rate',
      series: [
        { name: 'flagged', points: cps.map(c => ({ x: c.step, mid: c.flaggedShare, lo: c.flaggedInterval.lower, hi: c.flaggedInterval.upper })) },
        { name: 'misaligned', points: cps.map(c => ({ x: c.step, mid: c.labelledRate, lo: c.labelledRate === null ? null : c.labelledInterval.lower,
          hi: c.labelledRate === null ? null : c.labelledInterval.upper })) }]
    })));
    const judges = [...new Set(cps.flatMap(c => Object.keys(c.judges)))].sort();
    document.getElementById('agreement-legend').replaceWith(Object.assign(legend(judges.map((j, i) => [JUDGE_CLASSES[i % 4], j])),
      { id: 'agreement-legend' }));
    document.getElementById('agreement-chart').replaceChildren(chart(Object.assign({}, axis, {
      yTop: 1, yTitle: 'agreement with labels',
      series: judges.map((j, i) => ({ name: JUDGE_CLASSES[i % 4], points: cps.map(c => {
        const a = c.judges[j];
        return a && a.agreement !== null ? { x: c.step, mid: a.agreement, lo: a.agreementInterval.lower, hi: a.agreementInterval.upper }
          : { x: c.step, mid: null, lo: null, hi: null };
      }) }))
    })));
    const head = el('tr');
    ['step', 'version', ...judges.flatMap(j => [j + ' agreement', 'kappa', 'pairs'])].forEach(h => head.appendChild(el('th', {}, h)));
    document.querySelector('#agreement thead').replaceChildren(head);
    document.querySelector('#agreement tbody').replaceChildren(...cps.map(c => {
      const tr = el('tr', { 'data-step': String(c.step) });
      tr.appendChild(el('td', {}, String(c.step)));
      tr.appendChild(el('td', {}, c.model + ':' + c.version));
      judges.forEach(j => {
        const a = c.judges[j];
        tr.appendChild(el('td', {}, a ? `${pct(a.agreement, 0)} ${interval(a.agreementInterval)}` : '–'));
        tr.appendChild(el('td', {}, a && a.kappa !== null ? a.kappa.toFixed(2) : '–'));
        tr.appendChild(el('td', {}, a ? String(a.pairs) : '0'));
      });
      return tr;
    }));
  }

  async function refresh() {
    try {
      const p = await getJson('/api/v1/processes/' + encodeURIComponent(id));
      renderScorecard(p);
      renderRuns(p);
      renderCheckpoints(p);
      document.getElementById('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
    } catch (e) {
      document.getElementById('updated').textContent = 'not available (' + e.message + ')';
    }
  }

  document.getElementById('process-id').textContent = id;
  document.title = id + ' · alignment-monitor';
  refresh();
  setInterval(refresh, 5000);
})();
