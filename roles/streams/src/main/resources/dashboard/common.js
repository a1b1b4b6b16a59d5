'use strict';
// Shared by the dashboard pages. Everything from the server is untrusted text (names come from
// traffic): it is only ever assigned through textContent or attributes, never parsed as HTML.
window.AM = (function () {
  const SVG = 'http://www.w3.org/2000/svg';

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function svgEl(tag, attrs, text) {
    const e = document.createElementNS(SVG, tag);
    Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function pct(x, digits) {
    return x === null || x === undefined || Number.isNaN(x) ? '–' : (100 * x).toFixed(digits === undefined ? 2 : digits) + '%';
  }

  // Time ticks at a round interval giving 3-6 labels over [t0, t1].
  const TICK_STEPS = [10e3, 30e3, 60e3, 120e3, 300e3, 600e3, 900e3, 1800e3, 3600e3, 7200e3, 10800e3, 21600e3, 43200e3, 86400e3, 172800e3];
  function timeTicks(t0, t1) {
    const step = TICK_STEPS.find(s => (t1 - t0) / s <= 6) || TICK_STEPS[TICK_STEPS.length - 1];
    const ticks = [];
    // Align to the local clock, so ticks read 10:05, 10:10 rather than 10:03, 10:08.
    const offset = new Date(t0).getTimezoneOffset() * 60e3;
    for (let t = Math.ceil((t0 - offset) / step) * step + offset; t <= t1; t += step) ticks.push(t);
    return ticks;
  }
  function timeLabel(t, span) {
    const d = new Date(t);
    const hm = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: span < 300e3 ? '2-digit' : undefined, hour12: false });
    return span > 86400e3 ? d.toLocaleDateString([], { month: 'short', day: 'numeric' }) + ' ' + hm : hm;
  }
  function numberTicks(x0, x1) {
    const span = Math.max(1, x1 - x0);
    const raw = span / 5, mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map(m => m * mag).find(s => span / s <= 6);
    const ticks = [];
    for (let x = Math.ceil(x0 / step) * step; x <= x1; x += step) ticks.push(x);
    return ticks;
  }

  /**
   * An SVG chart of interval bands: opts = {x0, x1, yTop, xTicks, xLabel(v), xTitle, yTitle,
   * series: [{name, points: [{x, mid, lo, hi}]}]}. Bands are drawn as polygons with a line through
   * the middle; whiskers and dots keep a single point visible.
   */
  function chart(opts) {
    const W = 420, H = 200, PAD = { l: 46, r: 8, t: 8, b: 36 };
    const svg = svgEl('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': opts.yTitle + ' against ' + opts.xTitle });
    const x = v => PAD.l + (W - PAD.l - PAD.r) * (v - opts.x0) / Math.max(1e-9, opts.x1 - opts.x0);
    const y = v => H - PAD.b - (H - PAD.t - PAD.b) * Math.min(v, opts.yTop) / opts.yTop;
    [0, 0.25, 0.5, 0.75, 1].forEach(f => {
      const v = opts.yTop * f;
      svg.appendChild(svgEl('line', { x1: PAD.l, x2: W - PAD.r, y1: y(v), y2: y(v), class: f === 0 ? 'axis' : 'grid' }));
      svg.appendChild(svgEl('text', { x: PAD.l - 4, y: y(v) + 3, class: 'tick', 'text-anchor': 'end' }, pct(v, opts.yTop < 0.05 ? 2 : 1)));
    });
    svg.appendChild(svgEl('line', { x1: PAD.l, y1: PAD.t, x2: PAD.l, y2: H - PAD.b, class: 'axis' }));
    opts.xTicks.forEach(t => {
      svg.appendChild(svgEl('line', { x1: x(t), x2: x(t), y1: H - PAD.b, y2: H - PAD.b + 4, class: 'axis' }));
      svg.appendChild(svgEl('text', { x: x(t), y: H - PAD.b + 14, class: 'tick', 'text-anchor': 'middle' }, opts.xLabel(t)));
    });
    svg.appendChild(svgEl('text', { x: (PAD.l + W - PAD.r) / 2, y: H - 4, class: 'axis-title', 'text-anchor': 'middle' }, opts.xTitle));
    svg.appendChild(svgEl('text', { x: 10, y: (PAD.t + H - PAD.b) / 2, class: 'axis-title', 'text-anchor': 'middle',
      transform: `rotate(-90 10 ${(PAD.t + H - PAD.b) / 2})` }, opts.yTitle));
    opts.series.forEach(s => {
      const pts = s.points.filter(p => p.mid !== null && p.lo !== null && p.hi !== null);
      if (!pts.length) return;
      const upper = pts.map(p => `${x(p.x)},${y(p.hi)}`);
      const lower = pts.slice().reverse().map(p => `${x(p.x)},${y(p.lo)}`);
      svg.appendChild(svgEl('polygon', { points: upper.concat(lower).join(' '), class: 'band-' + s.name, 'data-band': s.name }));
      svg.appendChild(svgEl('polyline', { points: pts.map(p => `${x(p.x)},${y(p.mid)}`).join(' '), class: 'line-' + s.name }));
      pts.forEach(p => {
        svg.appendChild(svgEl('line', { x1: x(p.x), x2: x(p.x), y1: y(p.lo), y2: y(p.hi), class: 'line-' + s.name }));
        svg.appendChild(svgEl('circle', { cx: x(p.x), cy: y(p.mid), r: 2, class: 'dot-' + s.name }));
      });
    });
    return svg;
  }

  function legend(items) {
    const p = el('p', { class: 'muted legend' });
    items.forEach(([name, text]) => {
      p.appendChild(el('span', { class: 'swatch ' + name }));
      p.appendChild(document.createTextNode(text));
    });
    return p;
  }

  async function getJson(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(url + ': ' + response.status);
    return response.json();
  }

  // Certificates come from another part of the monitor; when the endpoint is absent or fails the
  // section stays hidden. The list gives each certificate's envelope (subject, claim, decision):
  // a rate certificate names a model version and a bound on its rate, a process certificate a
  // training process and a threshold on its failure probability. Every field is shown as text.
  function certificateRow(c) {
    const subject = c.subject || {}, claim = c.claim || {};
    const process = c.type === 'process';
    const id = String(c.id || '');
    const tr = el('tr', { 'data-certificate': id, 'data-type': String(c.type || '') });
    const link = el('td', {});
    link.appendChild(el('a', { href: '/api/v1/certificates/' + encodeURIComponent(id) + '?format=html' }, id));
    tr.appendChild(link);
    const claimText = process
      ? 'P(run fails) < ' + pct(claim.threshold) + ' (δ ' + claim.delta + ')'
      : 'rate < ' + pct(claim.bound) + ' (α ' + claim.alpha + ')';
    const span = [claim.from, claim.to].filter(Boolean).join(' → ');
    [c.type, process ? 'process ' + subject.processId : subject.model + ':' + subject.version, c.decision, claimText,
      span, c.issuedAt].forEach(v => tr.appendChild(el('td', {}, v === undefined || v === null ? '–' : String(v))));
    return tr;
  }
  async function certificates(section) {
    let data;
    try {
      data = await getJson('/api/v1/certificates');
    } catch (e) {
      section.hidden = true;
      return;
    }
    const list = data.certificates || [];
    section.hidden = false;
    // Newest first: issuedAt is an ISO-8601 instant, so text order is time order.
    const newest = list.slice().sort((a, b) => String(b.issuedAt).localeCompare(String(a.issuedAt))).slice(0, 200);
    section.querySelector('tbody').replaceChildren(...newest.map(certificateRow));
    section.querySelector('.empty').hidden = list.length > 0;
  }

  return { el, svgEl, pct, chart, legend, timeTicks, timeLabel, numberTicks, getJson, certificates };
})();
