// The script of report.html (plain browser JavaScript, ES2017, run after Leaflet): the map, the case list, search
// and the details of a case. It reads two JSON blocks of the page: `lw-data` (report-data.ts) and `lw-meta` (labels,
// colours, rule titles with their legal sources).
//
// At 40 000 detections every case is on the map: below SHAPE_ZOOM as a dot (one canvas for all, Leaflet's canvas
// renderer), from SHAPE_ZOOM on as its shape, built only for the cases in view (a 0.01° grid finds them); the
// protection overlaps are drawn as shapes from SHAPE_ZOOM on. Most urgent cases are drawn last, on top.
// A plain template, not String.raw: the bundler writes a plain one's Chinese as \u escapes (a raw one it must keep
// as is), so the CLI bundle stays ASCII and Node loads it without a UTF-8 decode (scripts/build.mjs). Hence the one
// backslash below is doubled.
export const REPORT_APP_JS = `(function () {
  'use strict';
  var SHAPE_ZOOM = 15;
  var MAX_SHAPES = 6000;
  var CELL = 0.01;
  var RESULTS = 100;
  var data = JSON.parse(document.getElementById('lw-data').textContent);
  var meta = JSON.parse(document.getElementById('lw-meta').textContent);
  var F = {};
  meta.caseFields.forEach(function (name, i) { F[name] = i; });
  var cases = data.cases;
  var n = cases.length;
  var worstRank = {};
  data.worst.forEach(function (i, k) { worstRank[i] = k + 1; });

  function esc(s) {
    return String(s == null ? '' : s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function mu(x) { return Number(x).toFixed(2); }
  function sev(i) { return meta.severities[cases[i][F.severity]]; }
  function typeLabel(i) {
    var t = cases[i][F.changeType];
    return typeof t === 'number' ? meta.changeTypes[t].label : t;
  }
  function latLng(i) { return [cases[i][F.lat], cases[i][F.lon]]; }
  function village(i) { return data.villages[cases[i][F.village]]; }
  function useName(code) { return data.landUseNames[code] || ''; }
  function decode(shape) {
    return shape.map(function (poly) {
      return poly.map(function (ring) {
        var out = [];
        var x = 0;
        var y = 0;
        for (var k = 0; k < ring.length; k += 2) {
          x += ring[k];
          y += ring[k + 1];
          out.push([y / 1e6, x / 1e6]);
        }
        return out;
      });
    });
  }

  // --- map
  var map = L.map('map', { preferCanvas: true, maxZoom: 19, minZoom: 4, zoomSnap: 0.5, attributionControl: false });
  L.control.attribution({ prefix: 'Leaflet' }).addTo(map); // credit without a link: the page is used offline
  var renderer = L.canvas({ padding: 0.3, tolerance: 5 });
  L.control.scale({ metric: true, imperial: false, maxWidth: 160 }).addTo(map);
  if (n > 0) {
    var minLat = 90, minLon = 180, maxLat = -90, maxLon = -180;
    for (var i = 0; i < n; i++) {
      var c = cases[i];
      if (c[F.lat] < minLat) minLat = c[F.lat];
      if (c[F.lat] > maxLat) maxLat = c[F.lat];
      if (c[F.lon] < minLon) minLon = c[F.lon];
      if (c[F.lon] > maxLon) maxLon = c[F.lon];
    }
    map.fitBounds([[minLat, minLon], [maxLat, maxLon]], { padding: [16, 16] });
  } else {
    map.setView([meta.center[1], meta.center[0]], 10);
  }

  // cases by 0.01° cell, to find those in view
  var grid = {};
  function cellKey(lon, lat) { return Math.floor(lon / CELL) + ':' + Math.floor(lat / CELL); }
  for (var j = 0; j < n; j++) {
    var key = cellKey(cases[j][F.lon], cases[j][F.lat]);
    (grid[key] || (grid[key] = [])).push(j);
  }
  function inView(bounds, limit) {
    var out = [];
    var x0 = Math.floor(bounds.getWest() / CELL), x1 = Math.floor(bounds.getEast() / CELL);
    var y0 = Math.floor(bounds.getSouth() / CELL), y1 = Math.floor(bounds.getNorth() / CELL);
    if ((x1 - x0 + 1) * (y1 - y0 + 1) > 40000) return null;
    for (var x = x0; x <= x1; x++) {
      for (var y = y0; y <= y1; y++) {
        var list = grid[x + ':' + y];
        if (!list) continue;
        for (var k = 0; k < list.length; k++) out.push(list[k]);
        if (out.length > limit) return null;
      }
    }
    return out;
  }

  // one overlay per severity, holding either the dots or the shapes in view
  var groups = meta.severities.map(function () {
    return { dots: L.featureGroup(), shapes: L.featureGroup(), all: L.featureGroup() };
  });
  var RADIUS = [6, 5, 4, 3.5, 3];
  for (var d = n - 1; d >= 0; d--) {
    var s = cases[d][F.severity];
    var dot = L.circleMarker(latLng(d), {
      renderer: renderer, radius: RADIUS[s], color: '#333', weight: 0.6,
      fillColor: meta.severities[s].color, fillOpacity: 0.9,
    });
    dot.lwCase = d;
    groups[s].dots.addLayer(dot);
  }
  var shapeCache = {};
  function shapeOf(i) {
    if (!shapeCache[i]) {
      var color = sev(i).color;
      shapeCache[i] = L.polygon(decode(data.shapes[i]), {
        renderer: renderer, color: color, weight: 1.5, fillColor: color, fillOpacity: 0.45,
      });
      shapeCache[i].lwCase = i;
    }
    return shapeCache[i];
  }
  var overlayGroups = data.overlaps.map(function (layer) {
    return { layer: layer, group: L.featureGroup(), cells: null };
  });
  function overlapCells(o) {
    if (o.cells) return o.cells;
    o.cells = {};
    o.layer.items.forEach(function (item, k) {
      var ci = item[0];
      var key = ci >= 0 ? cellKey(cases[ci][F.lon], cases[ci][F.lat]) : item[1] ? cellKey(item[1][0][0][0] / 1e6, item[1][0][0][1] / 1e6) : null;
      if (key === null) return;
      (o.cells[key] || (o.cells[key] = [])).push(k);
    });
    return o.cells;
  }
  var showingShapes = null;
  function refresh() {
    var ids = map.getZoom() >= SHAPE_ZOOM ? inView(map.getBounds().pad(0.3), MAX_SHAPES) : null;
    var shapes = ids !== null;
    // least urgent first, so that the canvas draws the most urgent last, on top
    groups.slice().reverse().forEach(function (g) {
      if (shapes !== showingShapes) {
        if (shapes) { g.all.removeLayer(g.dots); g.all.addLayer(g.shapes); }
        else { g.all.removeLayer(g.shapes); g.all.addLayer(g.dots); }
      }
      g.shapes.clearLayers();
    });
    showingShapes = shapes;
    if (shapes) {
      ids.sort(function (a, b) { return b - a; });
      ids.forEach(function (i) { groups[cases[i][F.severity]].shapes.addLayer(shapeOf(i)); });
    }
    overlayGroups.forEach(function (o) {
      o.group.clearLayers();
      if (!shapes || !map.hasLayer(o.group)) return;
      var b = map.getBounds().pad(0.3);
      var cells = overlapCells(o);
      var x0 = Math.floor(b.getWest() / CELL), x1 = Math.floor(b.getEast() / CELL);
      var y0 = Math.floor(b.getSouth() / CELL), y1 = Math.floor(b.getNorth() / CELL);
      for (var x = x0; x <= x1; x++) for (var y = y0; y <= y1; y++) {
        (cells[x + ':' + y] || []).forEach(function (k) {
          var color = meta.kindColors[o.layer.kind] || '#555';
          var it = o.layer.items[k];
          o.group.addLayer(L.polygon(decode(it[1] === 0 ? data.shapes[it[0]] : it[1]), {
            renderer: renderer, color: color, weight: 1.2, dashArray: '4 3', fillColor: color, fillOpacity: 0.2, interactive: false,
          }));
        });
      }
    });
  }

  var overlays = {};
  for (var gi = groups.length - 1; gi >= 0; gi--) groups[gi].all.addTo(map); // critical added last: drawn on top
  groups.forEach(function (g, si) {
    var sv = meta.severities[si];
    overlays['<i class="sw" style="background:' + sv.color + '"></i>' + esc(sv.label) + ' (' + sv.count + ')'] = g.all;
    g.all.on('click', function (e) { select(e.layer.lwCase, false); });
  });
  overlayGroups.forEach(function (o) {
    var color = meta.kindColors[o.layer.kind] || '#555';
    overlays['<i class="sw ov" style="border-color:' + color + '"></i>叠加：' + esc(o.layer.title) + ' (' + o.layer.items.length + ')'] = o.group;
    if (o.layer.kind === 'permanent-farmland') o.group.addTo(map);
    o.group.on('add remove', refresh);
  });
  var worstGroup = L.featureGroup();
  data.worst.forEach(function (i, k) {
    var m = L.marker(latLng(i), {
      icon: L.divIcon({ className: 'lw-num', html: String(k + 1), iconSize: [24, 24] }),
      zIndexOffset: 1000 - k, title: (k + 1) + ' ' + cases[i][F.alertId], keyboard: true,
    });
    m.lwCase = i;
    worstGroup.addLayer(m);
  });
  worstGroup.on('click', function (e) { select(e.layer.lwCase, false); });
  worstGroup.addTo(map);
  overlays['<i class="sw num">1</i>重点图斑编号'] = worstGroup;
  L.control.layers(null, overlays, { collapsed: window.matchMedia('(max-width: 700px)').matches }).addTo(map);
  map.on('zoomend moveend', refresh);
  refresh();

  // --- details of a case
  var highlight = L.featureGroup().addTo(map);
  var details = document.getElementById('lw-details');
  function row(label, value, field) {
    return '<tr data-field="' + field + '"><th>' + esc(label) + '</th><td>' + value + '</td></tr>';
  }
  function select(i, fly) {
    if (i == null || i < 0 || i >= n) return;
    var c = cases[i];
    var sv = sev(i);
    var html = '<h3>' + (worstRank[i] ? '<span class="lw-num inline">' + worstRank[i] + '</span> ' : '') + esc(c[F.alertId]) + '</h3><table>';
    html += row('严重程度', '<b style="color:' + sv.color + '">' + esc(sv.label) + '</b>', 'severity');
    html += row('变化类型', esc(typeLabel(i)), 'changeType');
    html += row('图斑标识码', esc(c[F.pieceId]), 'pieceId');
    html += row('地类变化', esc(c[F.beforeCode] + ' ' + useName(c[F.beforeCode]) + ' → ' + c[F.afterCode] + ' ' + useName(c[F.afterCode])), 'landUse');
    html += row('面积', mu(c[F.areaMu]) + ' 亩', 'areaMu');
    html += row('占永久基本农田', mu(c[F.permanentFarmlandMu]) + ' 亩', 'permanentFarmlandMu');
    var v = village(i);
    html += row('乡镇', esc(v[3] + '（' + v[2] + '）'), 'township');
    html += row('村', esc(v[1] + '（' + v[0] + '）'), 'village');
    html += row('中心点', esc(c[F.lon].toFixed(6) + ', ' + c[F.lat].toFixed(6)), 'lonLat');
    var extra = c[F.extra] || {};
    Object.keys(meta.extraLabels).forEach(function (k) {
      if (extra[k] === undefined) return;
      var v = extra[k];
      if (meta.valueLabels[k] && meta.valueLabels[k][v]) v = meta.valueLabels[k][v];
      if (v === true) v = '是';
      if (v === false) v = '否';
      html += row(meta.extraLabels[k], esc(v), k);
    });
    var rules = String(data.ruleSets[c[F.rules]] || '').split(';').filter(Boolean).map(function (id) {
      var r = meta.rules[id];
      return '<li>' + esc(r ? r.title : id) + (r && r.citation ? '<br><small>依据：' + esc(r.citation) + '</small>' : '') + '</li>';
    }).join('');
    html += row('触发规则', '<ul>' + rules + '</ul>', 'rules');
    details.innerHTML = html + '</table>';
    details.dataset.alertId = c[F.alertId];
    details.hidden = false;
    highlight.clearLayers();
    L.circleMarker(latLng(i), { radius: 14, color: '#000', weight: 2.5, fill: false, interactive: false }).addTo(highlight);
    L.polygon(decode(data.shapes[i]), { color: '#000', weight: 3, fill: false, interactive: false }).addTo(highlight);
    if (fly) {
      map.setView(latLng(i), Math.max(map.getZoom(), 16));
      // on a phone the list is below the map: bring the map (and the details under it) back into view
      var box = map.getContainer().getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) map.getContainer().scrollIntoView({ block: 'start' });
    }
    if (history.replaceState) history.replaceState(null, '', '#case=' + encodeURIComponent(c[F.alertId]));
  }

  // --- the list: the worst cases first, or the search results
  var list = document.getElementById('lw-list');
  var listTitle = document.getElementById('lw-list-title');
  function item(i) {
    var c = cases[i];
    var sv = sev(i);
    return '<li><button type="button" data-case="' + i + '">' +
      (worstRank[i] ? '<span class="lw-num inline">' + worstRank[i] + '</span>' : '<i class="sw" style="background:' + sv.color + '"></i>') +
      '<span class="id">' + esc(c[F.alertId]) + '</span> <span class="sev" style="color:' + sv.color + '">' + esc(sv.label) + '</span><br>' +
      esc(village(i)[3] + ' ' + village(i)[1]) + ' · ' + esc(c[F.beforeCode] + useName(c[F.beforeCode]) + '→' + c[F.afterCode] + useName(c[F.afterCode])) +
      ' · ' + mu(c[F.areaMu]) + ' 亩' + ((c[F.extra] || {}).overdue ? ' · <b class="lw-overdue">已逾期</b>' : '') + '</button></li>';
  }
  function showWorst() {
    listTitle.textContent = '重点图斑（前 ' + data.worst.length + ' 个，按严重程度和面积）';
    list.innerHTML = data.worst.map(item).join('');
  }
  var haystack = null;
  function search(q) {
    q = q.trim().toLowerCase();
    if (!q) return showWorst();
    if (!haystack) {
      haystack = cases.map(function (c, i) {
        var v = village(i);
        return [c[F.alertId], c[F.pieceId], v[0], v[1], v[2], v[3], c[F.beforeCode], c[F.afterCode], useName(c[F.beforeCode]), useName(c[F.afterCode])].join('\\u0001').toLowerCase();
      });
    }
    var found = [];
    var total = 0;
    for (var i = 0; i < n; i++) {
      if (haystack[i].indexOf(q) >= 0) {
        total++;
        if (found.length < RESULTS) found.push(i);
      }
    }
    listTitle.textContent = '找到 ' + total + ' 个图斑' + (total > RESULTS ? '（显示前 ' + RESULTS + ' 个）' : '');
    list.innerHTML = found.map(item).join('');
    return found;
  }
  list.addEventListener('click', function (e) {
    var b = e.target.closest('button[data-case]');
    if (b) select(Number(b.dataset.case), true);
  });
  var input = document.getElementById('lw-search');
  var timer = 0;
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { search(input.value); }, 120);
  });
  input.form.addEventListener('submit', function (e) {
    e.preventDefault();
    var found = search(input.value);
    if (found && found.length > 0) select(found[0], true);
  });
  showWorst();
  var fromHash = /^#case=(.+)$/.exec(location.hash);
  if (fromHash) {
    var id = decodeURIComponent(fromHash[1]);
    for (var h = 0; h < n; h++) if (cases[h][F.alertId] === id) { select(h, true); break; }
  }
  window.landwatchReport = { map: map, select: select, search: search, cases: n };
  document.documentElement.dataset.mapReady = 'true';
})();
`;
