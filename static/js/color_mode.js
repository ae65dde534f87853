/*
 * Follow the system's light or dark setting with Bootstrap 5.3's colour modes.
 *
 * Loaded in <head> before the stylesheets so the first paint already has the right mode, and kept
 * in a file (not inline) so a strict script-src 'self' policy allows it.
 */
(function () {
  "use strict";
  var query = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

  function apply() {
    document.documentElement.setAttribute("data-bs-theme", query && query.matches ? "dark" : "light");
  }

  apply();
  if (query && query.addEventListener) {
    query.addEventListener("change", apply);
  }
})();
