/*
 * In-place forms (htmx): the rules every one of them follows.
 *
 * - The server answers a refused save with the form again, its errors at the fields and what the
 *   person typed still in the boxes, with status 400, 409 or 422; htmx swaps those like a 200
 *   (its default shows nothing for a 4xx, and the person thinks the save went through).
 * - After a swap the keyboard goes where the person expects, never back to the top of the page:
 *   the control a marker names ([data-focus="id"]), else the first invalid field, else the swapped
 *   part's own landmark ([data-swap-focus]: a "Saved" status or a panel heading).
 * - An answer that cannot be shown (a server error, no network) says so next to the form, which
 *   keeps what was typed.
 * - A box with data-maxlength counts its characters as the person types, instead of the browser
 *   cutting a paste short without a word.
 */
(function () {
  "use strict";

  if (window.htmx) {
    window.htmx.config.responseHandling = [
      { code: "204", swap: false },
      { code: "[23]..", swap: true },
      { code: "^(400|409|422)$", swap: true, error: false },
      { code: "[45]..", swap: false, error: true },
    ];
    // htmx would add a <style> element for its indicators, which a strict style-src refuses; the
    // rules are in site.css instead.
    window.htmx.config.includeIndicatorStyles = false;
  }

  function focusTarget(root) {
    var marker = root.matches("[data-focus]") ? root : root.querySelector("[data-focus]");
    var target = marker ? document.getElementById(marker.getAttribute("data-focus")) : null;
    if (target && target.disabled) {
      // A reorder button at the end of its list is disabled: take its neighbour in the group.
      var group = target.closest("[role=group]");
      target = group ? group.querySelector("button:not([disabled]), a") : null;
    }
    if (!target) {
      target = root.querySelector("input.is-invalid, select.is-invalid, textarea.is-invalid, .is-invalid");
    }
    if (!target) {
      target = root.matches("[data-swap-focus]") ? root : root.querySelector("[data-swap-focus]");
    }
    return target;
  }

  // After settling, not swapping: until then htmx keeps the old attributes (classes) on elements
  // whose id is unchanged, so the new .is-invalid is not there yet.
  document.addEventListener("htmx:afterSettle", function (event) {
    var root = event.target;
    if (!(root instanceof Element)) {
      return;
    }
    var target = focusTarget(root);
    if (!target) {
      return;
    }
    if (!target.matches("a[href], button, input, select, textarea, [tabindex]")) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "nearest" });
  });

  // --- Answers that cannot be swapped --------------------------------------------------------

  function formOf(elt) {
    return elt && (elt.closest("form") || elt);
  }

  function clearProblem(form) {
    var old = form.querySelector(":scope > [data-inplace-problem]");
    if (old) {
      old.remove();
    }
  }

  function showProblem(elt, message) {
    var form = formOf(elt);
    if (!form) {
      return;
    }
    clearProblem(form);
    var box = document.createElement("div");
    box.className = "alert alert-danger py-2 px-3 small mb-2 col-12";
    box.setAttribute("role", "alert");
    box.setAttribute("data-inplace-problem", "");
    box.setAttribute("tabindex", "-1");
    box.textContent = message;
    form.prepend(box);
    box.focus({ preventScroll: true });
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = formOf(event.target);
    if (form) {
      clearProblem(form);
    }
  });
  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr ? event.detail.xhr.status : "";
    showProblem(
      event.detail.elt,
      interpolate(
        gettext("Not saved: the server could not take it (error %s). What you typed is still here; try again in a moment."),
        [status]
      )
    );
  });
  document.addEventListener("htmx:sendError", function (event) {
    showProblem(
      event.detail.elt,
      gettext("Not saved: the server could not be reached. What you typed is still here; check your connection and try again.")
    );
  });

  // --- Character counts ----------------------------------------------------------------------

  function updateCount(box) {
    var limit = parseInt(box.getAttribute("data-maxlength"), 10);
    var out = document.getElementById(box.id + "-count");
    if (!limit || !out) {
      return;
    }
    var left = limit - box.value.length;
    // Quiet until the limit is near; then count down, and say by how much a note is over.
    // Figures grouped as the page's language groups them.
    var lang = document.documentElement.lang || undefined;
    var shown = function (n) { return n.toLocaleString(lang); };
    if (left > limit / 10) {
      out.textContent = interpolate(gettext("Up to %s characters"), [shown(limit)]);
    } else if (left >= 0) {
      out.textContent = interpolate(
        ngettext("%s of %s character left", "%s of %s characters left", left),
        [shown(left), shown(limit)]
      );
    } else {
      out.textContent = interpolate(
        ngettext("%s character over the limit of %s", "%s characters over the limit of %s", -left),
        [shown(-left), shown(limit)]
      );
    }
    out.classList.toggle("text-danger", left < 0);
  }

  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("textarea[data-maxlength]")) {
      updateCount(event.target);
    }
  });
  function countAll(root) {
    root.querySelectorAll("textarea[data-maxlength]").forEach(updateCount);
  }
  document.addEventListener("DOMContentLoaded", function () {
    countAll(document);
  });
  document.addEventListener("htmx:load", function (event) {
    if (event.target instanceof Element) {
      countAll(event.target);
    }
  });
})();
