/*
 * Refresh panel: while a run is active, poll its JSON status every 2 seconds, move the
 * progress bar and, when the run ends, reload the page to show the new figures. Without
 * JavaScript a <noscript> meta refresh reloads the page every 5 seconds instead.
 */
(function () {
  "use strict";

  var panel = document.querySelector("[data-refresh-panel]");
  if (!panel || panel.dataset.active !== "true") { return; }
  var progress = panel.querySelector("progress");
  var percent = panel.querySelector("[data-refresh-percent]");
  var step = panel.querySelector("[data-refresh-step]");
  var status = panel.querySelector("[data-refresh-status]");

  function poll() {
    fetch(panel.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (run) {
        if (progress) { progress.value = run.percent || 0; progress.textContent = (run.percent || 0) + " %"; }
        if (percent) { percent.textContent = String(run.percent || 0); }
        if (step) { step.textContent = run.step || "—"; }
        if (status && run.status_label) { status.textContent = run.status_label; }
        if (run.active) {
          window.setTimeout(poll, 2000);
        } else {
          window.location.reload();
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }

  window.setTimeout(poll, 2000);
})();
