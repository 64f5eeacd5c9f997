/*
 * Observatory dashboard: a choropleth map of the day's indicator and the table's sort in place.
 * No inline script: the values come from the json_script element named by data-map-data-id,
 * the colours from the legend's swatches (observatory.css), the polygons from the territory
 * GeoJSON API. Without JavaScript the table is the map's alternative and its header links
 * sort on the server.
 */
(function () {
  "use strict";

  /* --- table sort ------------------------------------------------------------------------ */

  function cellValue(row, index, type) {
    var cell = row.children[index];
    var raw = cell ? cell.getAttribute("data-sort") : "";
    if (raw === null || raw === "") {
      return null;
    }
    return type === "number" ? parseFloat(raw) : raw;
  }

  function sortTable(table, header, direction) {
    var headers = Array.prototype.slice.call(header.parentNode.children);
    var index = headers.indexOf(header);
    var type = header.getAttribute("data-sort-type") || "text";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var collator = new Intl.Collator(document.documentElement.lang || "fr", { numeric: true });
    rows.sort(function (a, b) {
      var x = cellValue(a, index, type);
      var y = cellValue(b, index, type);
      if (x === null && y === null) { return 0; }
      if (x === null) { return 1; }   /* rows without a value always last */
      if (y === null) { return -1; }
      var order = type === "number" ? x - y : collator.compare(x, y);
      return direction === "descending" ? -order : order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    headers.forEach(function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", direction);
  }

  function initSort(table) {
    var live = document.getElementById("map-live");
    table.querySelectorAll("thead th[data-sort-key]").forEach(function (header) {
      var link = header.querySelector("a[data-sort-link]");
      if (!link) { return; }
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var direction = header.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        sortTable(table, header, direction);
        if (live) {
          live.textContent = link.textContent.trim() + " — " +
            (direction === "ascending" ? "▲" : "▼");
        }
        var url = new URL(link.href, window.location.href);
        url.searchParams.set("sort", (direction === "descending" ? "-" : "") + header.dataset.sortKey);
        window.history.replaceState(null, "", url.pathname + url.search);
      });
    });
  }

  document.querySelectorAll("table[data-sortable-table]").forEach(initSort);

  /* --- choropleth map ---------------------------------------------------------------------- */

  function swatchColours(legend) {
    var colours = {};
    if (!legend) { return colours; }
    legend.querySelectorAll(".vigie-swatch[data-class]").forEach(function (swatch) {
      colours[swatch.getAttribute("data-class")] = window.getComputedStyle(swatch).backgroundColor;
    });
    return colours;
  }

  function popupContent(name, info, labels) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = name;
    box.appendChild(title);
    var value = document.createElement("div");
    value.textContent = info ? info.text : "—";
    box.appendChild(value);
    if (info && info.url) {
      var link = document.createElement("a");
      link.href = info.url;
      link.textContent = labels.open;
      box.appendChild(link);
    }
    return box;
  }

  function addTableButtons(element, map, layersByCode, labels) {
    var table = document.getElementById(element.dataset.tableId || "");
    if (!table) { return; }
    var headRow = table.querySelector("thead tr");
    if (headRow) {
      var th = document.createElement("th");
      th.scope = "col";
      th.textContent = labels.column;
      headRow.appendChild(th);
    }
    table.querySelectorAll("tbody tr[data-code]").forEach(function (row) {
      var cell = document.createElement("td");
      var featureLayer = layersByCode[row.dataset.code];
      if (featureLayer) {
        var name = row.querySelector("th") ? row.querySelector("th").textContent.trim() : "";
        var button = document.createElement("button");
        button.type = "button";
        button.className = "fr-btn fr-btn--sm fr-btn--tertiary-no-outline";
        button.textContent = labels.show;
        var hidden = document.createElement("span");
        hidden.className = "fr-sr-only";
        hidden.textContent = " " + name;
        button.appendChild(hidden);
        button.addEventListener("click", function () {
          map.fitBounds(featureLayer.getBounds(), { maxZoom: 11 });
          featureLayer.openPopup(featureLayer.getBounds().getCenter());
          element.scrollIntoView({ block: "center" });
          element.focus({ preventScroll: true });
        });
        cell.appendChild(button);
      }
      row.appendChild(cell);
    });
  }

  function initMap(element) {
    if (typeof L === "undefined") { return; }
    var dataNode = document.getElementById(element.dataset.mapDataId);
    if (!dataNode) { return; }
    var mapData = JSON.parse(dataNode.textContent);
    var colours = swatchColours(document.getElementById(element.dataset.legendId));
    var labels = {
      open: element.dataset.labelOpen || "Open",
      show: element.dataset.labelShow || "Show on the map",
      column: element.dataset.labelColumn || "Map",
      error: element.dataset.labelError || "The map could not be loaded."
    };
    var live = document.getElementById(element.dataset.liveId || "");
    element.dataset.state = "loading";
    var map = L.map(element, { zoomSnap: 0.25, keyboard: true }).setView([48.15, -1.65], 8);
    map.attributionControl.setPrefix("Leaflet");
    if (element.dataset.tileUrl) {
      L.tileLayer(element.dataset.tileUrl, {
        attribution: element.dataset.tileAttribution || "",
        maxZoom: 18
      }).addTo(map);
    }
    var layersByCode = {};

    function style(feature) {
      var info = mapData.features[(feature.properties || {}).code];
      var key = info && info["class"] !== null && info["class"] !== undefined ? String(info["class"]) : "none";
      return {
        color: "#3a3a3a",
        weight: 0.6,
        fillColor: colours[key] || "#d9d9d9",
        fillOpacity: 0.85
      };
    }

    fetch(element.dataset.geojsonUrl, {
      credentials: "same-origin",
      headers: { Accept: "application/geo+json, application/json" }
    })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (data) {
        var coloured = 0;
        var layer = L.geoJSON(data, {
          style: style,
          onEachFeature: function (feature, featureLayer) {
            var props = feature.properties || {};
            var info = mapData.features[props.code];
            if (info && info["class"] !== null && info["class"] !== undefined) { coloured += 1; }
            layersByCode[props.code] = featureLayer;
            featureLayer.bindTooltip(props.name + " : " + (info ? info.text : "—"), { sticky: true });
            featureLayer.bindPopup(popupContent(props.name, info, labels));
            featureLayer.on("popupopen", function () {
              if (live) { live.textContent = props.name + ". " + (info ? info.text : "—"); }
            });
            featureLayer.on("mouseover", function () { featureLayer.setStyle({ weight: 2.5 }); });
            featureLayer.on("mouseout", function () { layer.resetStyle(featureLayer); });
          }
        }).addTo(map);
        if (layer.getLayers().length) {
          map.fitBounds(layer.getBounds(), { padding: [8, 8] });
        }
        addTableButtons(element, map, layersByCode, labels);
        element.dataset.featureCount = String(layer.getLayers().length);
        element.dataset.colouredCount = String(coloured);
        element.dataset.state = "ready";
      })
      .catch(function () {
        element.dataset.state = "error";
        var status = document.getElementById(element.dataset.statusId || "");
        if (status) {
          status.textContent = labels.error;
          status.hidden = false;
        }
      });
  }

  document.querySelectorAll("[data-observatory-map]").forEach(initMap);
})();
