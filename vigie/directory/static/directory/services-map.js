/* Maps of the directory: the places of a search ([data-services-map], points read from a
   GeoJSON URL) and one place ([data-place-map], its position in data attributes).
   Without JavaScript the frames stay hidden and the list or the address gives the same
   information. No inline script: configuration comes from data-* attributes. */
(function () {
  "use strict";

  var OPEN_STYLE = { radius: 8, color: "#18753c", weight: 2, fillColor: "#b8fec9", fillOpacity: 0.9 };
  var CLOSED_STYLE = { radius: 8, color: "#000091", weight: 2, fillColor: "#cacafb", fillOpacity: 0.9 };

  function baseMap(element) {
    var map = L.map(element, { keyboard: true, attributionControl: true });
    map.attributionControl.setPrefix("Leaflet");
    if (element.dataset.tileUrl) {
      L.tileLayer(element.dataset.tileUrl, {
        attribution: element.dataset.tileAttribution || "",
        maxZoom: 18
      }).addTo(map);
    }
    return map;
  }

  /* The communes, faint, under the points: a background that needs no tile server. */
  function drawOutline(element, map) {
    if (!element.dataset.outlineUrl) {
      return;
    }
    fetch(element.dataset.outlineUrl, { credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (data) {
          L.geoJSON(data, {
            interactive: false,
            style: { color: "#929292", weight: 0.5, fillColor: "#f6f6f6", fillOpacity: 0.6 }
          }).addTo(map).bringToBack();
        }
      })
      .catch(function () {});
  }

  function popup(props, labels) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = props.url;
    link.textContent = props.name;
    link.setAttribute("aria-label", labels.more + " " + props.name);
    var title = document.createElement("p");
    title.className = "fr-text--bold fr-mb-1v";
    title.appendChild(link);
    box.appendChild(title);
    var kind = document.createElement("p");
    kind.className = "fr-mb-1v";
    kind.textContent = props.category_label + (props.commune_name ? " — " + props.commune_name : "");
    box.appendChild(kind);
    if (props.open_now !== null && props.open_now !== undefined) {
      var state = document.createElement("p");
      state.className = "fr-mb-0";
      state.textContent = props.open_now ? labels.open : labels.closed;
      box.appendChild(state);
    }
    return box;
  }

  function showError(element, text) {
    var status = document.getElementById(element.dataset.statusId);
    if (status) {
      status.textContent = text;
      status.hidden = false;
    }
  }

  function initSearch(element) {
    var labels = {
      open: element.dataset.labelOpen || "Open now",
      closed: element.dataset.labelClosed || "Closed now",
      more: element.dataset.labelMore || "",
      error: element.dataset.labelError || "The map could not be loaded."
    };
    element.dataset.state = "loading";
    var map = baseMap(element).setView([48.15, -1.65], 9);
    drawOutline(element, map);
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
          pointToLayer: function (feature, latlng) {
            var open = feature.properties && feature.properties.open_now;
            return L.circleMarker(latlng, open ? OPEN_STYLE : CLOSED_STYLE);
          },
          onEachFeature: function (feature, featureLayer) {
            var props = feature.properties || {};
            featureLayer.bindTooltip(props.name || "");
            featureLayer.bindPopup(popup(props, labels));
          }
        }).addTo(map);
        var count = layer.getLayers().length;
        if (count) {
          map.fitBounds(layer.getBounds(), { padding: [24, 24], maxZoom: 15 });
        }
        element.dataset.state = "ready";
        element.dataset.featureCount = String(count);
      })
      .catch(function () {
        element.dataset.state = "error";
        showError(element, labels.error);
      });
  }

  function initPlace(element) {
    var lat = parseFloat(element.dataset.latitude);
    var lon = parseFloat(element.dataset.longitude);
    if (isNaN(lat) || isNaN(lon)) {
      return;
    }
    element.dataset.state = "loading"; /* shown before Leaflet measures it */
    var map = baseMap(element).setView([lat, lon], 13);
    drawOutline(element, map);
    L.circleMarker([lat, lon], CLOSED_STYLE).addTo(map).bindTooltip(element.dataset.name || "");
    element.dataset.state = "ready";
  }

  if (typeof L === "undefined") {
    return;
  }
  document.querySelectorAll("[data-services-map]").forEach(initSearch);
  document.querySelectorAll("[data-place-map]").forEach(initPlace);
})();
