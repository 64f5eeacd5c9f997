/*
 * Observatory area page: the incidence, positivity and R charts, drawn with the vendored
 * Chart.js from the json_script element "chart-data". Each chart's <details> table holds
 * the same values for readers who cannot see the canvas.
 */
(function () {
  "use strict";

  if (typeof Chart === "undefined") { return; }
  var node = document.getElementById("chart-data");
  if (!node) { return; }
  var data = JSON.parse(node.textContent);
  var lang = document.documentElement.lang || "fr";
  var number = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
  var blue = "#000091";
  var grey = "#666666";

  function constant(value) {
    return data.days.map(function () { return value; });
  }

  function threshold(label, value, colour) {
    return {
      label: label,
      data: constant(value),
      borderColor: colour,
      borderDash: [6, 4],
      borderWidth: 1.5,
      pointRadius: 0,
      fill: false
    };
  }

  function options(yTitle) {
    return {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: "index", intersect: false },
      spanGaps: false,
      scales: {
        x: { ticks: { maxTicksLimit: 10, autoSkip: true } },
        y: {
          title: { display: true, text: yTitle },
          ticks: { callback: function (value) { return number.format(value); } }
        }
      },
      plugins: {
        legend: {
          position: "bottom",
          labels: {
            filter: function (item, chartData) {
              return !chartData.datasets[item.datasetIndex].hideInLegend;
            }
          }
        },
        tooltip: {
          callbacks: {
            label: function (context) {
              var value = context.parsed.y;
              return context.dataset.label + " : " + (value === null ? "—" : number.format(value));
            }
          }
        }
      }
    };
  }

  function line(label, values, colour) {
    return {
      label: label,
      data: values,
      borderColor: colour,
      backgroundColor: colour,
      borderWidth: 2,
      pointRadius: 0,
      fill: false
    };
  }

  function draw(key, datasets, yTitle) {
    var canvas = document.querySelector("canvas[data-chart='" + key + "']");
    if (!canvas) { return; }
    var chart = new Chart(canvas, {
      type: "line",
      data: { labels: data.days, datasets: datasets },
      options: options(yTitle)
    });
    canvas.dataset.drawn = "true";
    return chart;
  }

  var labels = data.labels;
  var limits = data.thresholds;
  draw("incidence", [
    line(labels.incidence, data.incidence, blue),
    threshold(labels.alert, limits.alert, "#b34000"),
    threshold(labels.high, limits.high, "#ce0500"),
    threshold(labels.maximum, limits.maximum, "#6e0000")
  ], labels.incidence);
  draw("positivity", [
    line(labels.positivity, data.positivity, blue),
    threshold(labels.watch, limits.positivity, "#b34000")
  ], labels.positivity);
  draw("r", [
    {
      label: labels.band,
      data: data.r_high,
      borderColor: "rgba(0, 0, 145, 0)",
      backgroundColor: "rgba(106, 106, 244, 0.25)",
      pointRadius: 0,
      fill: "+1"
    },
    {
      label: labels.band,
      hideInLegend: true,
      data: data.r_low,
      borderColor: "rgba(0, 0, 145, 0)",
      pointRadius: 0,
      fill: false
    },
    line(labels.r, data.r_mean, blue),
    threshold(labels.one, 1, grey)
  ], labels.r);
})();
