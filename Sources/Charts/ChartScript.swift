/// The page script that makes line charts zoomable: drag across a plot to zoom into that span,
/// double-click to go back. It rescales the drawn lines (no data is re-read) and relabels the
/// time axis with the same rules as `TimeLabels.tick`. Plain ES2017, no library.
public enum ChartScript {
    public static let source = #"""
function plenumTick(origin, t, span) {
  const s = new Date((origin + t) * 1000).toISOString();
  if (span <= 2 * 86400) return s.slice(5, 10) + " " + s.slice(11, 16);
  if (span <= 120 * 86400) return s.slice(5, 10);
  return s.slice(0, 10);
}
const plenumSteps = [60, 300, 900, 1800, 3600, 10800, 21600, 43200, 86400, 172800, 604800, 1209600, 2592000, 5270400, 7862400];
function plenumZoom(svg, a, b) {
  const x0 = +svg.dataset.x0, x1 = +svg.dataset.x1, L = +svg.dataset.left, R = +svg.dataset.right;
  const k = (x1 - x0) / (b - a), pa = L + (a - x0) / (x1 - x0) * (R - L);
  svg.querySelector("g.lines").setAttribute("transform", `translate(${L - k * pa},0) scale(${k},1)`);
  svg.dataset.zoomA = a; svg.dataset.zoomB = b;
  const ticks = svg.querySelector("g.x-ticks");
  const grid = ticks.querySelector("line"), y1 = grid ? grid.getAttribute("y1") : 30, y2 = grid ? grid.getAttribute("y2") : 240;
  const label = ticks.querySelector("text.axis-label");
  ticks.innerHTML = "";
  const origin = svg.dataset.localOrigin === undefined ? null : +svg.dataset.localOrigin, span = b - a;
  let values = [];
  if (origin !== null) {
    const step = plenumSteps.find(s => span / s <= 6) || plenumSteps[plenumSteps.length - 1];
    for (let t = Math.ceil((origin + a) / step) * step; t - origin <= b && values.length < 40; t += step) values.push(t - origin);
  } else {
    const raw = span / 6, p = Math.pow(10, Math.floor(Math.log10(raw))), f = raw / p;
    const step = (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * p;
    for (let t = Math.ceil(a / step) * step; t <= b && values.length < 40; t += step) values.push(t);
  }
  const ns = "http://www.w3.org/2000/svg";
  for (const t of values) {
    const px = L + (t - a) / span * (R - L);
    const line = document.createElementNS(ns, "line");
    for (const [k2, v] of [["x1", px], ["x2", px], ["y1", y1], ["y2", y2], ["class", "grid"]]) line.setAttribute(k2, v);
    const text = document.createElementNS(ns, "text");
    text.setAttribute("x", px); text.setAttribute("y", +y2 + 16); text.setAttribute("text-anchor", "middle");
    text.textContent = origin !== null ? plenumTick(origin, t, span) : (+t.toPrecision(6)).toString();
    ticks.appendChild(line); ticks.appendChild(text);
  }
  if (label) ticks.appendChild(label);
}
function plenumEnableZoom(svg) {
  const area = svg.querySelector("rect.zoom-area");
  if (!area) return;
  let start = null, band = null;
  const toData = ev => {
    const box = svg.getBoundingClientRect(), vb = svg.viewBox.baseVal;
    const px = (ev.clientX - box.left) / box.width * vb.width;
    const L = +svg.dataset.left, R = +svg.dataset.right;
    const a = svg.dataset.zoomA !== undefined ? +svg.dataset.zoomA : +svg.dataset.x0;
    const b = svg.dataset.zoomB !== undefined ? +svg.dataset.zoomB : +svg.dataset.x1;
    return { px: Math.min(R, Math.max(L, px)), x: a + (Math.min(R, Math.max(L, px)) - L) / (R - L) * (b - a) };
  };
  area.addEventListener("mousedown", ev => {
    start = toData(ev);
    band = document.createElementNS("http://www.w3.org/2000/svg", "rect");
    band.setAttribute("class", "zoom-band"); band.setAttribute("y", area.getAttribute("y"));
    band.setAttribute("height", area.getAttribute("height")); band.setAttribute("x", start.px); band.setAttribute("width", 0);
    svg.insertBefore(band, area);
  });
  area.addEventListener("mousemove", ev => {
    if (!start) return;
    const now = toData(ev);
    band.setAttribute("x", Math.min(now.px, start.px)); band.setAttribute("width", Math.abs(now.px - start.px));
  });
  area.addEventListener("mouseup", ev => {
    if (!start) return;
    const end = toData(ev);
    band.remove();
    if (Math.abs(end.px - start.px) > 4) plenumZoom(svg, Math.min(start.x, end.x), Math.max(start.x, end.x));
    start = null;
  });
  area.addEventListener("dblclick", () => {
    plenumZoom(svg, +svg.dataset.x0, +svg.dataset.x1);
    delete svg.dataset.zoomA; delete svg.dataset.zoomB;
    svg.querySelector("g.lines").removeAttribute("transform");
  });
}
"""#
}
