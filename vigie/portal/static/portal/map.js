/*
 * Vigie territory map: draws the communes from the GeoJSON API with Leaflet.
 * Configuration comes from data-* attributes on the map element (no inline script):
 *   data-geojson-url, data-tile-url (optional), data-tile-attribution (optional),
 *   data-label-population, data-label-code, data-label-unknown, data-label-error,
 *   data-table-id (the table of communes, whose rows carry data-code), data-label-column,
 *   data-label-show; data-label-level: the communes are coloured by the alert level that
 *   their table row carries (data-level-rank 0..4, data-level-text), grey without one.
 * Keyboard users reach each commune through the "Show on the map" button of its table row.
 * Nothing is fetched from another host unless the operator sets a tile URL.
 */
(function () {
  "use strict";

  function text(tag, content, className) {
    var node = document.createElement(tag);
    node.textContent = content;
    if (className) {
      node.className = className;
    }
    return node;
  }

  function populationText(props, labels, formatter) {
    if (props.population === null || props.population === undefined) {
      return labels.unknown;
    }
    var year = props.population_year ? " (" + props.population_year + ")" : "";
    return formatter.format(props.population) + year;
  }

  /* Colours of the alert levels, lowest first (the observatory's; legend in the page). */
  var LEVEL_COLOURS = ["#e5f5e0", "#fee391", "#fdae61", "#e34a33", "#7f0000"];
  var NO_LEVEL_COLOUR = "#d9d9d9";

  function levelOf(table, code) {
    if (!table) {
      return null;
    }
    var row = table.querySelector('tbody tr[data-code="' + code + '"]');
    if (!row) {
      return null;
    }
    var rank = row.dataset.levelRank;
    return {
      rank: rank === undefined || rank === "" ? null : parseInt(rank, 10),
      text: row.dataset.levelText || ""
    };
  }

  function describe(props, labels, formatter, level) {
    var box = document.createElement("div");
    box.appendChild(text("strong", props.name));
    box.appendChild(text("div", labels.code + " " + props.code));
    box.appendChild(text("div", labels.population + " " + populationText(props, labels, formatter)));
    if (level && labels.level) {
      box.appendChild(text("div", labels.level + " " + level.text));
    }
    return box;
  }

  function showError(element, message) {
    var status = document.getElementById(element.dataset.statusId);
    if (status) {
      status.textContent = message;
      status.hidden = false;
    }
  }

  /* Tell screen readers which commune the map now shows (a polite live region). */
  function announce(element, message) {
    var live = document.getElementById(element.dataset.liveId || "");
    if (live) {
      live.textContent = message;
    }
  }

  /* One "Show on the map" button per table row: zooms to the commune and opens its popup. */
  function addTableButtons(element, map, layersByCode, labels) {
    var table = document.getElementById(element.dataset.tableId || "");
    if (!table || !labels.show) {
      return;
    }
    var headRow = table.querySelector("thead tr");
    if (headRow) {
      var th = text("th", labels.column);
      th.scope = "col";
      headRow.appendChild(th);
    }
    table.querySelectorAll("tbody tr[data-code]").forEach(function (row) {
      var cell = document.createElement("td");
      var featureLayer = layersByCode[row.dataset.code];
      if (featureLayer) {
        var name = row.querySelector("th") ? row.querySelector("th").textContent.trim() : "";
        var button = text("button", labels.show, "fr-btn fr-btn--sm fr-btn--tertiary-no-outline");
        button.type = "button";
        button.appendChild(text("span", " " + name, "fr-sr-only"));
        button.addEventListener("click", function () {
          map.fitBounds(featureLayer.getBounds(), { maxZoom: 12 });
          featureLayer.openPopup(featureLayer.getBounds().getCenter());
          element.scrollIntoView({ block: "center" });
          element.focus({ preventScroll: true });
        });
        cell.appendChild(button);
      }
      row.appendChild(cell);
    });
  }

  function init(element) {
    if (typeof L === "undefined") {
      return;
    }
    element.dataset.state = "loading";
    var labels = {
      population: element.dataset.labelPopulation || "Population:",
      code: element.dataset.labelCode || "Code:",
      unknown: element.dataset.labelUnknown || "unknown",
      error: element.dataset.labelError || "The map could not be loaded.",
      column: element.dataset.labelColumn || "Map",
      show: element.dataset.labelShow || "",
      level: element.dataset.labelLevel || ""
    };
    var table = labels.level ? document.getElementById(element.dataset.tableId || "") : null;
    var layersByCode = {};
    var colouredCount = 0;
    var formatter = new Intl.NumberFormat(document.documentElement.lang || "fr");
    var map = L.map(element, {
      zoomSnap: 0.25,
      keyboard: true,
      attributionControl: true
    }).setView([48.15, -1.65], 8);
    map.attributionControl.setPrefix("Leaflet");

    if (element.dataset.tileUrl) {
      L.tileLayer(element.dataset.tileUrl, {
        attribution: element.dataset.tileAttribution || "",
        maxZoom: 18
      }).addTo(map);
    }

    var style = {
      color: "#000091",
      weight: 1,
      fillColor: "#6a6af4",
      fillOpacity: 0.25
    };
    var highlight = { weight: 3, fillOpacity: 0.5 };

    fetch(element.dataset.geojsonUrl, {
      credentials: "same-origin",
      headers: { Accept: "application/geo+json, application/json" }
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        var layer = L.geoJSON(data, {
          style: function (feature) {
            var level = levelOf(table, (feature.properties || {}).code);
            if (!level) {
              return style;
            }
            var colour = level.rank === null ? NO_LEVEL_COLOUR : LEVEL_COLOURS[level.rank];
            return { color: "#3a3a3a", weight: 1, fillColor: colour, fillOpacity: 0.8 };
          },
          onEachFeature: function (feature, featureLayer) {
            var props = feature.properties || {};
            var level = levelOf(table, props.code);
            if (level && level.rank !== null) {
              colouredCount += 1;
            }
            featureLayer.bindTooltip(props.name || "", { sticky: true });
            featureLayer.bindPopup(describe(props, labels, formatter, level));
            layersByCode[props.code] = featureLayer;
            featureLayer.on("popupopen", function () {
              announce(element, props.name + ". " + labels.population + " " +
                populationText(props, labels, formatter));
            });
            featureLayer.on("mouseover", function () {
              featureLayer.setStyle(highlight);
            });
            featureLayer.on("mouseout", function () {
              layer.resetStyle(featureLayer);
            });
          }
        }).addTo(map);
        if (layer.getLayers().length) {
          map.fitBounds(layer.getBounds(), { padding: [8, 8] });
        }
        addTableButtons(element, map, layersByCode, labels);
        element.dataset.state = "ready";
        element.dataset.featureCount = String(layer.getLayers().length);
        element.dataset.colouredCount = String(colouredCount);
      })
      .catch(function () {
        element.dataset.state = "error";
        showError(element, labels.error);
      });
  }

  document.querySelectorAll("[data-vigie-map]").forEach(init);
})();
