// The community asset map (assets/map.html). Only an enhancement: without this file the page
// shows the same filters and the list, and the list stays the accessible way through the map's
// contents. Everything comes from this site: Leaflet and the outlines of the UK's nations are
// static files, the points come from the map's data endpoint, and tiles are drawn only when the
// site names its own tile server (settings.MAP_TILE_URL).
(function () {
  "use strict";

  var box = document.getElementById("asset-map");
  if (!box || !window.L || !window.fetch || !window.JSON) { return; }
  var L = window.L;

  function readJSON(name, fallback) {
    try { return JSON.parse(box.getAttribute(name) || "null") || fallback; } catch (e) { return fallback; }
  }

  var dataUrl = box.getAttribute("data-url");
  var tileUrl = box.getAttribute("data-tile-url") || "";
  var tileCredit = box.getAttribute("data-tile-attribution") || "";
  var outlines = readJSON("data-outlines", []);
  var words = readJSON("data-words", {});
  var status = document.getElementById("asset-map-status");
  var startFit = box.getAttribute("data-fit") === "1";

  // The page said "the map needs JavaScript": now it has it.
  box.hidden = false;
  var note = document.getElementById("asset-map-nojs");
  if (note) { note.hidden = true; }

  // The United Kingdom, with a little sea around it.
  var uk = L.latLngBounds([[49.8, -8.8], [60.9, 2.0]]);
  var map = L.map(box, {
    attributionControl: !!tileUrl,
    minZoom: 4,
    maxZoom: 18,
    zoomSnap: 1,
    worldCopyJump: false
  });
  map.fitBounds(uk);
  if (map.attributionControl) { map.attributionControl.setPrefix(false); }

  if (tileUrl) {
    L.tileLayer(tileUrl, { attribution: tileCredit, maxZoom: 18 }).addTo(map);
  } else {
    // The offline base layer: each nation's outline, drawn under the points.
    // Land white against the sea's blue-grey (.map in groundswell.css), so a view inland still
    // reads as a map; the scale bar gives it a size.
    var land = { color: "#7d776b", weight: 1, fillColor: "#ffffff", fillOpacity: 1, interactive: false };
    L.control.scale({ position: "bottomleft" }).addTo(map);
    outlines.forEach(function (url) {
      fetch(url, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (shape) { if (shape) { L.geoJSON(shape, { style: land, interactive: false }).addTo(map).bringToBack(); } })
        .catch(function () { /* the points still show without the outline */ });
    });
  }

  var layer = L.layerGroup().addTo(map);
  var inFlight = null;
  var timer = null;

  function say(text) { if (status) { status.textContent = text; } }

  function fill(template, values) {
    return String(template || "").replace(/%\((\w+)\)s/g, function (_, key) {
      return values[key] === undefined ? "" : String(values[key]);
    });
  }

  // Built from DOM nodes, never from HTML strings: names come from the people who added them.
  function popupFor(point) {
    var wrap = document.createElement("div");
    wrap.className = "map-popup";
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.name;
    var title = document.createElement("p");
    title.className = "map-popup-title";
    title.appendChild(link);
    wrap.appendChild(title);
    var kind = document.createElement("p");
    kind.className = "map-popup-meta";
    kind.textContent = point.kind_label + (point.address ? " · " + point.address : "");
    wrap.appendChild(kind);
    return wrap;
  }

  function drawPoint(point) {
    var marker = L.circleMarker([point.lat, point.lon], {
      radius: 8,
      color: "#ffffff",
      weight: 2,
      fillColor: "#07513a",
      fillOpacity: 1,
      className: "map-point map-point-" + point.kind
    });
    marker.bindPopup(popupFor(point));
    marker.bindTooltip(point.name);
    layer.addLayer(marker);
  }

  function drawCluster(cluster) {
    var size = cluster.count < 10 ? 32 : cluster.count < 100 ? 40 : cluster.count < 1000 ? 48 : 56;
    var label = document.createElement("span");
    label.textContent = String(cluster.count);
    var icon = L.divIcon({ className: "map-cluster", html: label, iconSize: [size, size] });
    var marker = L.marker([cluster.lat, cluster.lon], {
      icon: icon,
      keyboard: true,
      title: fill(words.cluster, { count: cluster.count }),
      alt: fill(words.cluster, { count: cluster.count })
    });
    marker.on("click", function () {
      map.setView([cluster.lat, cluster.lon], Math.min(map.getZoom() + 2, map.getMaxZoom()));
    });
    layer.addLayer(marker);
  }

  function clamp(value, low, high) { return Math.max(low, Math.min(high, value)); }

  function load(fit) {
    var b = map.getBounds();
    var bbox = [
      clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90),
      clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)
    ].map(function (n) { return n.toFixed(5); }).join(",");
    var url = dataUrl + (dataUrl.indexOf("?") === -1 ? "?" : "&") +
      "bbox=" + bbox + "&zoom=" + map.getZoom() + (fit ? "&fit=1" : "");
    if (inFlight && inFlight.abort) { inFlight.abort(); }
    inFlight = window.AbortController ? new AbortController() : null;
    say(words.loading || "");
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" }, signal: inFlight ? inFlight.signal : undefined })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (data) {
        layer.clearLayers();
        (data.clusters || []).forEach(drawCluster);
        (data.points || []).forEach(drawPoint);
        if (fit && data.extent) {
          var e = data.extent;
          var target = L.latLngBounds([[e[1], e[0]], [e[3], e[2]]]);
          if (!target.equals(map.getBounds())) {
            map.fitBounds(target.pad(0.2), { maxZoom: 14 });
            return; // the move loads again for the new view
          }
        }
        say(data.total ? fill(words.showing, { count: data.total }) : (words.none || ""));
        box.setAttribute("data-loaded", String(data.total || 0));
      })
      .catch(function (error) {
        if (error && error.name === "AbortError") { return; }
        say(words.failed || "");
      });
  }

  map.on("moveend", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { load(false); }, 200);
  });
  load(startFit);
})();
