'use strict';
// Everything from the server is untrusted text (model and version names come from traffic):
// it is only ever assigned through textContent or SVG attributes, never as HTML.
(function () {
  const SVG = 'http://www.w3.org/2000/svg';
  const W = 400, H = 170, PAD = { l: 34, r: 6, t: 8, b: 18 };
  let range = '1h';

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function svgEl(tag, attrs) {
    const e = document.createElementNS(SVG, tag);
    Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
    return e;
  }
  function pct(x) { return x === null || x === undefined ? '–' : (100 * x).toFixed(2) + '%'; }

  function chart(series) {
    const svg = svgEl('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img' });
    const values = [];
    series.forEach(p => [p.flaggedUpper, p.misalignedUpper].forEach(v => { if (v !== null) values.push(v); }));
    const top = Math.min(1, Math.max(0.02, ...values) * 1.1);
    const t0 = series.length ? series[0].from : 0, t1 = series.length ? series[series.length - 1].to : 1;
    const x = t => PAD.l + (W - PAD.l - PAD.r) * (t - t0) / Math.max(1, t1 - t0);
    const y = v => H - PAD.b - (H - PAD.t - PAD.b) * v / top;
    svg.appendChild(svgEl('line', { x1: PAD.l, y1: H - PAD.b, x2: W - PAD.r, y2: H - PAD.b, class: 'axis' }));
    svg.appendChild(svgEl('line', { x1: PAD.l, y1: PAD.t, x2: PAD.l, y2: H - PAD.b, class: 'axis' }));
    [0, top / 2, top].forEach(v => {
      const t = svgEl('text', { x: 2, y: y(v) + 3, class: 'tick' });
      t.textContent = (100 * v).toFixed(1) + '%';
      svg.appendChild(t);
    });
    [['flagged', 'flaggedShare', 'flaggedLower', 'flaggedUpper'], ['misaligned', 'misaligned', 'misalignedLower', 'misalignedUpper']]
      .forEach(([name, mid, lo, hi]) => {
        const pts = series.filter(p => p[mid] !== null && p[lo] !== null && p[hi] !== null);
        if (!pts.length) return;
        const mx = p => x((p.from + p.to) / 2);
        const upper = pts.map(p => `${mx(p)},${y(p[hi])}`);
        const lower = pts.slice().reverse().map(p => `${mx(p)},${y(p[lo])}`);
        svg.appendChild(svgEl('polygon', { points: upper.concat(lower).join(' '), class: 'band-' + name, 'data-band': name }));
        svg.appendChild(svgEl('polyline', { points: pts.map(p => `${mx(p)},${y(p[mid])}`).join(' '), class: 'line-' + name }));
        // Whiskers and dots, so a young version with a step or two still shows its interval.
        pts.forEach(p => {
          svg.appendChild(svgEl('line', { x1: mx(p), x2: mx(p), y1: y(p[lo]), y2: y(p[hi]), class: 'line-' + name }));
          svg.appendChild(svgEl('circle', { cx: mx(p), cy: y(p[mid]), r: 1.8, class: 'dot-' + name }));
        });
      });
    return svg;
  }

  function render(data) {
    const firing = new Set(data.alerts.filter(a => a.state === 'FIRING').map(a => a.model + ':' + a.version));
    const list = document.getElementById('alert-list');
    list.replaceChildren(...data.alerts.map(a => {
      const li = el('li', { class: a.state, 'data-alert': a.alertId });
      li.appendChild(el('span', { class: 'state' }, a.state));
      li.appendChild(el('span', {}, `${a.model}:${a.version} · ${a.ruleId} (${a.severity}) · ${a.message} · since ${a.at}`));
      return li;
    }));
    document.getElementById('no-alerts').hidden = data.alerts.length > 0;
    const grid = document.getElementById('versions');
    grid.replaceChildren(...data.versions.map(v => {
      const key = v.model + ':' + v.version;
      const card = el('div', { class: 'card' + (firing.has(key) ? ' firing' : ''), 'data-version': key });
      card.appendChild(el('h3', {}, key + (firing.has(key) ? '  ● alert firing' : '')));
      const last = v.series.length ? v.series[v.series.length - 1] : null;
      const stats = el('div', { class: 'stats' });
      stats.appendChild(el('span', {}, `traffic ${v.interactions}`));
      stats.appendChild(el('span', {}, `flagged ${v.flagged}`));
      stats.appendChild(el('span', {}, `labels ${v.labelled}`));
      if (last) stats.appendChild(el('span', {}, `last step: flagged ${pct(last.flaggedShare)} [${pct(last.flaggedLower)}, ${pct(last.flaggedUpper)}]`));
      const t = v.total;
      stats.appendChild(el('span', { class: 'total' }, t.misaligned !== null
        ? `obviously misaligned over ${range}: ${pct(t.misaligned)} [${pct(t.misalignedLower)}, ${pct(t.misalignedUpper)}] from ${t.labelled} labels`
        : `obviously misaligned over ${range}: not enough labels yet (${t.labelled})`));
      card.appendChild(stats);
      card.appendChild(chart(v.series));
      return card;
    }));
    document.getElementById('updated').textContent = 'updated ' + new Date(data.generatedAt).toLocaleTimeString();
  }

  async function refresh() {
    try {
      const response = await fetch('/api/v1/dashboard?range=' + encodeURIComponent(range));
      if (response.ok) render(await response.json());
      else document.getElementById('updated').textContent = 'not ready (' + response.status + ')';
    } catch (e) {
      document.getElementById('updated').textContent = 'unreachable';
    }
  }

  document.querySelectorAll('#ranges button').forEach(b => b.addEventListener('click', () => {
    range = b.dataset.range;
    document.querySelectorAll('#ranges button').forEach(o => o.classList.toggle('active', o === b));
    refresh();
  }));
  refresh();
  setInterval(refresh, 5000);
})();
