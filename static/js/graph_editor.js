/*
 * The staff graph editor: the role graph drawn with Cytoscape.js, and a side panel loaded with htmx.
 *
 * Selecting a role or a move in the picture loads its panel (the same address the tables link to,
 * so everything also works from the keyboard and without this script). After each change the
 * server sends the "graphChanged" event; the picture then fetches its data again. The page embeds
 * the first data with json_script: no inline script.
 */
(function () {
  "use strict";

  var container = document.getElementById("graph-editor-canvas");
  var dataElement = document.getElementById("graph-editor-data");
  var panel = document.getElementById("editor-panel");
  var cy = null;

  function loadPanel(url) {
    if (!url) {
      return;
    }
    if (window.htmx) {
      window.htmx.ajax("GET", url, { target: "#editor-panel", swap: "innerHTML" }).then(function () {
        window.history.pushState({}, "", url);
      });
    } else {
      window.location.assign(url);
    }
  }

  // --- The picture -------------------------------------------------------------------------

  var rootStyle = window.getComputedStyle(document.documentElement);

  function trackColour(track) {
    return rootStyle.getPropertyValue("--track-" + track).trim() || "#6c757d";
  }

  function elementsFrom(data) {
    var elements = [];
    data.nodes.forEach(function (node, index) {
      elements.push({
        group: "nodes",
        data: { id: node.slug, label: node.title, url: node.url, colour: trackColour(node.track), order: index },
        classes: node.is_entry ? "entry" : "",
      });
    });
    data.edges.forEach(function (edge) {
      elements.push({
        group: "edges",
        data: { id: "move-" + edge.id, source: edge.from, target: edge.to, url: edge.url, label: edge.label },
        classes: edge.kind,
      });
    });
    return elements;
  }

  function selectFromPanel() {
    if (!cy || !panel) {
      return;
    }
    cy.elements().removeClass("chosen faded");
    var marker = panel.querySelector("[data-graph-select]");
    var value = marker ? marker.getAttribute("data-graph-select") : "";
    if (!value) {
      return;
    }
    var parts = value.split(":");
    var element = parts[0] === "node" ? cy.getElementById(parts[1]) : cy.getElementById("move-" + parts[1]);
    if (element && element.length) {
      var neighbourhood = element.isNode() ? element.closedNeighborhood() : element.union(element.connectedNodes());
      cy.elements().not(neighbourhood).addClass("faded");
      element.addClass("chosen");
      bringIntoView(element);
    }
  }

  // Pan to a chosen role or move that lies outside the visible part of the picture.
  function bringIntoView(element) {
    var box = element.renderedBoundingBox();
    var width = container.clientWidth;
    var height = container.clientHeight;
    if (box.x1 < 0 || box.y1 < 0 || box.x2 > width || box.y2 > height) {
      cy.animate({ center: { eles: element } }, { duration: 250 });
    }
  }

  function draw(data) {
    cy = window.CareerPathGraph.create(container, elementsFrom(data), 2.2, [
      { selector: ".faded", style: { opacity: 0.2 } },
      { selector: "node.hover", style: { "border-width": 5 } },
      { selector: "edge.hover", style: { "line-color": "#495057", "target-arrow-color": "#495057", width: 3.2 } },
      {
        selector: "node.chosen",
        style: {
          "border-width": 5,
          "font-weight": "bold",
          "underlay-color": "#0b5ed7",
          "underlay-opacity": 0.35,
          "underlay-padding": 6,
        },
      },
      {
        selector: "edge.chosen",
        style: { "line-color": "#0b5ed7", "target-arrow-color": "#0b5ed7", width: 4 },
      },
    ]);

    window.CareerPathGraph.layOut(cy);
    cy.on("tap", "node, edge", function (event) {
      loadPanel(event.target.data("url"));
    });
    cy.on("mouseover", "node, edge", function (event) {
      event.target.addClass("hover");
      container.style.cursor = "pointer";
    });
    cy.on("mouseout", "node, edge", function (event) {
      event.target.removeClass("hover");
      container.style.cursor = "";
    });
    window.CareerPathGraph.fitReadable(cy, container);
    selectFromPanel();
  }

  function redraw(data) {
    if (!cy) {
      draw(data);
      return;
    }
    var zoom = cy.zoom();
    var pan = cy.pan();
    cy.elements().remove();
    cy.add(elementsFrom(data));
    window.CareerPathGraph.layOut(cy);
    cy.viewport({ zoom: zoom, pan: pan });
    selectFromPanel();
  }

  function refresh() {
    var url = container && container.getAttribute("data-data-url");
    if (!url || !cy) {
      return;
    }
    window
      .fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (data) {
          redraw(data);
        }
      });
  }

  if (container && dataElement && typeof window.cytoscape === "function") {
    draw(JSON.parse(dataElement.textContent));

    // The editor draws the graph again after a change: the buttons act on the one drawn now.
    window.CareerPathGraph.addControls(container, function () {
      return cy;
    });
    document.body.addEventListener("graphChanged", refresh);
  }

  // --- The panel ---------------------------------------------------------------------------

  if (panel) {
    // Opened at a role's or a move's own address (a link followed before htmx was ready, a
    // bookmark, a reload): the keyboard starts on that panel, as it does after an in-place load.
    if (window.location.pathname !== panel.dataset.editorRoot) {
      var heading = panel.querySelector("[data-swap-focus]");
      if (heading) {
        heading.focus({ preventScroll: true });
        heading.scrollIntoView({ block: "nearest" });
      }
    }
    document.body.addEventListener("htmx:afterSwap", function (event) {
      if (event.detail.target === panel) {
        // static/js/inplace.js puts the keyboard on the panel (its [data-focus] marker, the
        // first invalid field or its heading).
        selectFromPanel();
      }
    });
    // A history restore (the Back button) puts back an older panel: select what it shows.
    document.body.addEventListener("htmx:historyRestore", selectFromPanel);

    // Suggest a slug from the title while the slug has not been typed by hand.
    panel.addEventListener("input", function (event) {
      var form = event.target.form;
      if (!form) {
        return;
      }
      var slug = form.querySelector("[data-slug-target]");
      if (!slug) {
        return;
      }
      if (event.target === slug) {
        slug.setAttribute("data-touched", "true");
      } else if (event.target.hasAttribute("data-slug-source") && !slug.hasAttribute("data-touched")) {
        slug.value = event.target.value
          .toLowerCase()
          .normalize("NFKD")
          .replace(/[\u0300-\u036f]/g, "")
          .replace(/[^a-z0-9]+/g, "-")
          .replace(/^-+|-+$/g, "")
          .slice(0, 80);
      }
    });
  }
})();
