/*
 * Mutual aid dashboard map: the communes with open requests, coloured by their most urgent
 * request. Data come from the page (json_script #map-data: {code: {top, cells, name}}) and the
 * territory GeoJSON API; no inline script, nothing fetched from another host unless the
 * operator sets a tile URL. The table under the map gives the same figures.
 */
(function () {
  "use strict";

  var COLOURS = { critical: "#ce0500", high: "#fc5d00", normal: "#fcc63a", low: "#dddddd" };

  function init(element) {
    if (typeof L === "undefined") {
      return;
    }
    var source = document.getElementById(element.dataset.mapDataId);
    var data = source ? JSON.parse(source.textContent) : {};
    element.dataset.state = "loading";
    var map = L.map(element, { zoomSnap: 0.25, keyboard: true }).setView([48.15, -1.65], 8);
    map.attributionControl.setPrefix("Leaflet");
    if (element.dataset.tileUrl) {
      L.tileLayer(element.dataset.tileUrl, {
        attribution: element.dataset.tileAttribution || "",
        maxZoom: 18
      }).addTo(map);
    }
    fetch(element.dataset.geojsonUrl, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (geojson) {
        var coloured = 0;
        var layer = L.geoJSON(geojson, {
          style: function (feature) {
            var entry = data[feature.properties.code];
            if (entry) {
              coloured += 1;
            }
            return {
              color: "#3a3a3a",
              weight: entry ? 1.5 : 0.5,
              fillColor: entry ? COLOURS[entry.top] : "#ffffff",
              fillOpacity: entry ? 0.8 : 0.2
            };
          },
          onEachFeature: function (feature, featureLayer) {
            var entry = data[feature.properties.code];
            var name = feature.properties.name || "";
            if (entry) {
              var total = entry.cells.reduce(function (a, b) { return a + b; }, 0);
              featureLayer.bindTooltip(name + ": " + total + " " + element.dataset.labelOpen, {
                sticky: true
              });
            } else {
              featureLayer.bindTooltip(name, { sticky: true });
            }
          }
        }).addTo(map);
        if (layer.getLayers().length) {
          map.fitBounds(layer.getBounds(), { padding: [8, 8] });
        }
        element.dataset.colouredCount = String(coloured);
        element.dataset.state = "ready";
      })
      .catch(function () {
        element.dataset.state = "error";
      });
  }

  document.querySelectorAll("[data-solidarity-map]").forEach(init);
})();
