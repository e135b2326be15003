// The atlas's map: one Plotly figure, drawn once and updated in place, with exact hit-testing,
// an optimistic highlight, touch and keyboard. A Streamlit Custom Component v2 (plain ES module,
// no build step). The protocol is documented in protocol.py beside this file; in short:
//
// data in  {v, figure, zones, mode, selected, ack, label, style, max_height, plotly_url}
// event out  trigger "click": {seq, target, region, zone, side, view, how}
//
// Drawing: Plotly draws the page's figure as a static plot (no Plotly events, no drag, no
// zoom: the page scrolls under a finger). The highlight (the selected region, marked zones,
// the keyboard's focus) is this module's own SVG layer over the plot, in data coordinates,
// so a new selection never touches Plotly: it swaps a few path strings. Plotly.react runs
// only when the figure itself changes (a new pattern, a close-up), into the same <div>.
// Clicks are resolved by point-in-polygon against the zones sent by Python.

const SVG = "http://www.w3.org/2000/svg";
const PENDING_MS = 8000; // an unanswered click stops overriding the page's state after this

// ------------------------------------------------------------------ plotly.js, once per page
function loadPlotly(url) {
  if (!window.__tpaPlotly) {
    window.__tpaPlotly = new Promise((resolve, reject) => {
      if (window.Plotly) return resolve(window.Plotly);
      const s = document.createElement("script");
      s.src = new URL(url, document.baseURI).href;
      s.async = true;
      s.onload = () => resolve(window.Plotly);
      s.onerror = () => {
        window.__tpaPlotly = null; // let a later rerun try again
        reject(new Error("The map's drawing library could not be loaded."));
      };
      document.head.appendChild(s);
    });
  }
  return window.__tpaPlotly;
}

// ------------------------------------------------------------------ geometry (data units)
function inRing(x, y, r) {
  // even-odd rule over a flat ring [x0, y0, x1, y1, ...]
  let inside = false;
  for (let i = 0, j = r.length - 2; i < r.length; j = i, i += 2) {
    const yi = r[i + 1], yj = r[j + 1];
    if (yi > y !== yj > y && x < ((r[j] - r[i]) * (y - yi)) / (yj - yi) + r[i]) inside = !inside;
  }
  return inside;
}

function ringDistance(x, y, r) {
  let best = Infinity;
  for (let i = 0, j = r.length - 2; i < r.length; j = i, i += 2) {
    const ax = r[j], ay = r[j + 1], dx = r[i] - ax, dy = r[i + 1] - ay;
    const l2 = dx * dx + dy * dy;
    const t = l2 < 1e-12 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / l2));
    best = Math.min(best, Math.hypot(x - (ax + t * dx), y - (ay + t * dy)));
  }
  return best;
}

function ringArea(r) {
  let a = 0;
  for (let i = 0, j = r.length - 2; i < r.length; j = i, i += 2) a += r[j] * r[i + 1] - r[i] * r[j + 1];
  return Math.abs(a) / 2;
}

function svgPath(rings) {
  let d = "";
  for (const r of rings) {
    d += "M" + r[0] + "," + r[1];
    for (let i = 2; i < r.length; i += 2) d += "L" + r[i] + "," + r[i + 1];
    d += "Z";
  }
  return d;
}

// The zones as sent (a JSON string, parsed once): features with rings, and the targets a click
// can pick in each mode, with their labels and region colours.
function parseZones(text) {
  const z = JSON.parse(text);
  for (const f of z.features) {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity, area = 0;
    for (const r of f.rings) {
      for (let i = 0; i < r.length; i += 2) {
        x0 = Math.min(x0, r[i]); x1 = Math.max(x1, r[i]);
        y0 = Math.min(y0, r[i + 1]); y1 = Math.max(y1, r[i + 1]);
      }
      area += ringArea(r);
    }
    f.box = [x0, y0, x1, y1];
    f.area = area;
  }
  z.paths = {}; // "<mode>|<target>" -> SVG path of its rings (built when first needed)
  return z;
}

function targetOf(f, mode) {
  return mode === "zone" ? f.key : f.region;
}

function targetPath(z, mode, target) {
  const k = mode + "|" + target;
  if (!(k in z.paths)) {
    // a region: its outline (its zones merged), else every zone's rings
    const outline = mode === "region" && z.outlines && z.outlines[target];
    z.paths[k] = svgPath(outline || z.features.filter((f) => targetOf(f, mode) === target).flatMap((f) => f.rings));
  }
  return z.paths[k];
}

// The feature under (x, y): the smallest one containing it, else the nearest within `tol`.
function hit(z, x, y, tol) {
  let best = null;
  for (const f of z.features) {
    const [x0, y0, x1, y1] = f.box;
    if (x < x0 || x > x1 || y < y0 || y > y1) continue;
    if (f.rings.some((r) => inRing(x, y, r)) && (!best || f.area < best.area)) best = f;
  }
  if (best || !(tol > 0)) return best;
  let near = null, dist = tol;
  for (const f of z.features) {
    const [x0, y0, x1, y1] = f.box;
    if (x < x0 - tol || x > x1 + tol || y < y0 - tol || y > y1 + tol) continue;
    for (const r of f.rings) {
      const d = ringDistance(x, y, r);
      if (d <= dist) { dist = d; near = f; }
    }
  }
  return near;
}

// ------------------------------------------------------------------ the element
function el(tag, cls, attrs) {
  const e = tag === "svg" || tag === "path" || tag === "g" || tag === "clipPath" || tag === "rect"
    ? document.createElementNS(SVG, tag) : document.createElement(tag);
  if (cls) e.setAttribute("class", cls);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  return e;
}

function build(parentElement) {
  const root = el("div", "tpa-map", { "aria-roledescription": "map" });
  const gd = el("div", "tpa-map-plot");
  const svg = el("svg", "tpa-map-overlay", { "aria-hidden": "true" });
  const clipId = "tpa-clip-" + Math.random().toString(36).slice(2);
  const clip = el("clipPath", null, { id: clipId });
  const clipRect = el("rect");
  clip.appendChild(clipRect);
  const g = el("g", null, { "clip-path": `url(#${clipId})` });
  const inner = el("g");
  const layers = {};
  for (const name of ["veil", "marked", "selected", "focus"]) {
    layers[name] = el("path", "tpa-map-" + name, { "vector-effect": "non-scaling-stroke", "fill-rule": "evenodd", d: "" });
    inner.appendChild(layers[name]);
  }
  g.appendChild(inner);
  svg.append(clip, g);
  const tip = el("div", "tpa-map-tip", { role: "presentation" });
  const live = el("div", "tpa-map-live", { "aria-live": "polite" });
  root.append(gd, svg, tip, live);
  parentElement.appendChild(root);
  window.__tpaMapMounts = (window.__tpaMapMounts || 0) + 1; // the remount test counts these
  return {
    root, gd, svg, clipRect, inner, layers, tip, live,
    figureText: null, zonesText: null, zones: null, traces: null, layout: null,
    shown: [], // the targets drawn as selected now
    pending: null, // {seq, selected, at}: a click not yet answered by a rerun
    seq: 0, focus: -1, plotted: false, draws: 0,
  };
}

// ------------------------------------------------------------------ drawing
function axes(s) {
  const L = s.gd._fullLayout;
  return L && L.xaxis && L.yaxis && L.xaxis._length ? [L.xaxis, L.yaxis] : null;
}

function placeOverlay(s) {
  const ax = axes(s);
  if (!ax) return;
  const [xa, ya] = ax;
  s.clipRect.setAttribute("x", xa._offset);
  s.clipRect.setAttribute("y", ya._offset);
  s.clipRect.setAttribute("width", xa._length);
  s.clipRect.setAttribute("height", ya._length);
  // linear axes: pixel = value * _m + _b, from the axis start at _offset
  s.inner.setAttribute("transform", `matrix(${xa._m},0,0,${ya._m},${xa._offset + xa._b},${ya._offset + ya._b})`);
}

function paintHighlight(s, selected) {
  const z = s.zones, st = s.style || {};
  if (!z) return;
  const t0 = performance.now();
  const mode = s.mode;
  const region = mode === "region" && selected.length ? selected[0] : null;
  const marked = mode === "zone" ? selected : [];
  const sel = s.layers.selected, veil = s.layers.veil, mk = s.layers.marked;
  sel.setAttribute("d", region ? targetPath(z, "region", region) : "");
  const colour = region && z.colours[region];
  sel.style.fill = colour && st.fill_alpha ? hexAlpha(colour, st.fill_alpha) : "none";
  sel.style.stroke = st.edge || "#17415A";
  sel.style.strokeWidth = st.edge_width || 2.4;
  // the veil pales what is not chosen: the other regions, or the whole body under marked zones
  const pale = region ? z.targets.region.filter((r) => r !== region) : marked.length ? z.targets.region : [];
  veil.setAttribute("d", st.veil ? pale.map((r) => targetPath(z, "region", r)).join("") : "");
  veil.style.fill = `rgba(255,255,255,${st.veil || 0})`;
  mk.setAttribute("d", marked.map((k) => targetPath(z, "zone", k)).join(""));
  mk.style.fill = st.marked || "rgba(217,142,4,0.85)";
  s.shown = selected.slice();
  s.root.dataset.selected = selected.join(",");
  (window.__tpaMapLog = window.__tpaMapLog || []).push({ what: "highlight", ms: performance.now() - t0, at: t0 });
}

function paintFocus(s) {
  const f = s.layers.focus;
  const list = s.zones ? s.zones.targets[s.mode] || [] : [];
  const target = list[s.focus];
  f.setAttribute("d", target && s.keyboard ? targetPath(s.zones, s.mode, target) : "");
}

function hexAlpha(hex, a) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${a})`;
}

// Height from the width: the figure's data aspect (it keeps x and y to one scale) plus its
// margins, at most max_height. So a phone's narrow column gets a body as wide as the screen.
function fitSize(s) {
  const width = Math.max(120, Math.round(s.root.clientWidth || s.root.getBoundingClientRect().width));
  const lay = s.layout || {};
  const xr = (lay.xaxis && lay.xaxis.range) || [0, 1];
  const yr = (lay.yaxis && lay.yaxis.range) || [0, 1];
  const m = Object.assign({ l: 0, r: 0, t: 0, b: 0 }, lay.margin || {});
  const aspect = Math.abs((yr[1] - yr[0]) / (xr[1] - xr[0])) || 1;
  const natural = (width - m.l - m.r) * aspect + m.t + m.b;
  const height = Math.round(Math.min(natural, s.maxHeight || natural));
  return { width, height };
}

function plot(Plotly, s) {
  const { width, height } = fitSize(s);
  s.size = [width, height];
  s.gd.style.height = height + "px";
  const layout = Object.assign({}, s.layout, { width, height, autosize: false, dragmode: false });
  const config = { staticPlot: true, displayModeBar: false, scrollZoom: false, doubleClick: false, responsive: false };
  const t0 = performance.now();
  const created = !s.plotted;
  return Plotly.react(s.gd, s.traces, layout, config).then(() => {
    s.plotted = true;
    s.draws += 1;
    s.root.dataset.draws = String(s.draws);
    placeOverlay(s);
    (window.__tpaMapLog = window.__tpaMapLog || []).push({ what: created ? "plot" : "react", ms: performance.now() - t0, at: t0 });
  });
}

// ------------------------------------------------------------------ input
function toData(s, clientX, clientY) {
  const ax = axes(s);
  if (!ax) return null;
  const [xa, ya] = ax;
  const box = s.gd.getBoundingClientRect();
  const px = clientX - box.left - xa._offset, py = clientY - box.top - ya._offset;
  if (px < 0 || py < 0 || px > xa._length || py > ya._length) return null;
  return { x: xa.p2l(px), y: ya.p2l(py), unit: 1 / Math.abs(xa._m) };
}

function featureAt(s, ev, tolPx) {
  if (!s.zones) return null;
  const p = toData(s, ev.clientX, ev.clientY);
  return p ? hit(s.zones, p.x, p.y, tolPx * p.unit) : null;
}

function labelOf(s, f) {
  const z = s.zones;
  const region = z.labels.region[f.region] || f.region;
  return s.mode === "region" ? region : `${region}: ${z.labels.zone[f.key] || f.key}`;
}

function nextSelection(s, target) {
  if (s.mode === "zone") {
    return s.shown.includes(target) ? s.shown.filter((k) => k !== target) : [...s.shown, target];
  }
  return [target];
}

function current(s) {
  return s.pending ? s.pending.selected : s.pageSel;
}

function pick(s, f, how) {
  const target = targetOf(f, s.mode);
  s.seq += 1;
  // send first, so the rerun starts while the highlight is drawn
  s.send("click", { seq: s.seq, target, region: f.region, zone: f.zone, side: f.side, view: f.view, how });
  const selected = nextSelection(s, target);
  s.pending = { seq: s.seq, selected, at: performance.now() };
  paintHighlight(s, selected); // optimistic: the page's rerun confirms or corrects it
  s.live.textContent = `${s.mode === "zone" && !selected.includes(target) ? "Unmarked" : "Selected"}: ${labelOf(s, f)}`;
}

function listen(s) {
  const root = s.root;
  root.addEventListener("click", (ev) => {
    if (s.mode === "none") return;
    const touch = s.lastPointer === "touch";
    const f = featureAt(s, ev, touch ? 12 : 4);
    if (!f) return;
    s.keyboard = false;
    paintFocus(s);
    pick(s, f, touch ? "touch" : "pointer");
  });
  root.addEventListener("pointerdown", (ev) => { s.lastPointer = ev.pointerType; });
  root.addEventListener("pointermove", (ev) => {
    s.lastPointer = ev.pointerType;
    if (ev.pointerType !== "mouse") return;
    s.hoverAt = ev;
    if (s.hoverFrame) return;
    s.hoverFrame = requestAnimationFrame(() => {
      s.hoverFrame = 0;
      const e = s.hoverAt;
      const f = featureAt(s, e, 4);
      root.classList.toggle("tpa-map-over", !!f && s.mode !== "none");
      if (!f) { s.tip.style.display = "none"; return; }
      const box = root.getBoundingClientRect();
      s.tip.textContent = labelOf(s, f);
      s.tip.style.display = "block";
      const left = Math.min(e.clientX - box.left + 14, box.width - s.tip.offsetWidth - 4);
      s.tip.style.left = Math.max(0, left) + "px";
      s.tip.style.top = (e.clientY - box.top + 16) + "px";
    });
  });
  root.addEventListener("pointerleave", () => {
    s.tip.style.display = "none";
    root.classList.remove("tpa-map-over");
  });
  root.addEventListener("keydown", (ev) => {
    if (!s.zones || s.mode === "none") return;
    const list = s.zones.targets[s.mode] || [];
    if (!list.length) return;
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[ev.key];
    if (step || ev.key === "Home" || ev.key === "End") {
      ev.preventDefault();
      if (ev.key === "Home") s.focus = 0;
      else if (ev.key === "End") s.focus = list.length - 1;
      else if (s.focus < 0) s.focus = Math.max(0, list.indexOf(s.shown[0]));
      else s.focus = (s.focus + step + list.length) % list.length;
      s.keyboard = true;
      paintFocus(s);
      const target = list[s.focus];
      const f = s.zones.features.find((x) => targetOf(x, s.mode) === target);
      s.live.textContent = `${labelOf(s, f)}${s.shown.includes(target) ? ", selected" : ""}. Enter to ${s.mode === "zone" ? "mark or unmark" : "select"}.`;
    } else if ((ev.key === "Enter" || ev.key === " ") && s.focus >= 0) {
      ev.preventDefault();
      const target = list[s.focus];
      const f = s.zones.features.find((x) => targetOf(x, s.mode) === target);
      if (f) pick(s, f, "key");
    }
  });
  root.addEventListener("focus", () => { if (s.focus >= 0) { s.keyboard = true; paintFocus(s); } });
  root.addEventListener("blur", () => { s.keyboard = false; paintFocus(s); });
}

// ------------------------------------------------------------------ the component
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let s = parentElement.__tpaMap;
  if (!s || !s.root.isConnected) {
    s = build(parentElement);
    parentElement.__tpaMap = s;
    listen(s);
  }
  s.send = setTriggerValue; // the latest one: a rerun may bring a new closure
  s.mode = data.mode || "none";
  s.style = data.style || {};
  s.maxHeight = data.max_height || 0;
  s.root.setAttribute("aria-label", data.label || "Body map");
  s.root.classList.toggle("tpa-map-clickable", s.mode !== "none");
  s.root.tabIndex = s.mode === "none" ? -1 : 0;
  s.root.setAttribute("role", s.mode === "none" ? "img" : "application");
  s.seq = Math.max(s.seq, data.ack || 0);
  if (data.zones !== s.zonesText) {
    s.zonesText = data.zones;
    s.zones = data.zones ? parseZones(data.zones) : null;
  }
  // The page's state, unless a click of ours is newer than the rerun that sent it.
  s.pageSel = data.selected || [];
  if (s.pending && ((data.ack || 0) >= s.pending.seq || performance.now() - s.pending.at > PENDING_MS)) {
    s.pending = null;
  }
  s.data = data;
  // one step at a time, each with the latest data (a newer rerun may have come meanwhile)
  s.chain = (s.chain || Promise.resolve())
    .then(() => loadPlotly(s.data.plotly_url))
    .then((Plotly) => {
      const latest = s.data;
      if (latest.figure !== s.figureText) {
        const fig = JSON.parse(latest.figure);
        s.figureText = latest.figure;
        s.traces = fig.data || [];
        s.layout = fig.layout || {};
        return plot(Plotly, s).then(() => paintHighlight(s, current(s)));
      }
      if (s.plotted) paintHighlight(s, current(s));
      return null;
    })
    .catch((err) => {
      s.root.dataset.error = String(err && err.message ? err.message : err);
      s.gd.textContent = s.root.dataset.error;
    });

  if (!s.observer) {
    let last = 0;
    s.observer = new ResizeObserver(() => {
      const w = s.root.clientWidth;
      if (!s.plotted || Math.abs(w - last) < 2) return;
      last = w;
      const { width, height } = fitSize(s);
      if (s.size && s.size[0] === width && s.size[1] === height) return;
      s.size = [width, height];
      s.gd.style.height = height + "px";
      window.Plotly.relayout(s.gd, { width, height }).then(() => placeOverlay(s));
    });
    s.observer.observe(s.root);
  }

  // Streamlit keeps the cleanup of the latest call and runs it when the element goes:
  // free Plotly's resources only if the element has really left the page.
  return () => {
    setTimeout(() => {
      if (!s.root.isConnected) {
        s.observer && s.observer.disconnect();
        window.Plotly && window.Plotly.purge(s.gd);
      }
    }, 0);
  };
}
