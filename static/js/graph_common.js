// What the public graph and the staff editor draw alike: the look of roles and moves, a layered
// layout, a fit that keeps labels readable, and the fit and zoom buttons. Loaded after Cytoscape.js and cytoscape-dagre,
// before role_graph.js and graph_editor.js.
(function () {
  "use strict";

  var READABLE_ZOOM = 0.7;
  // Room around the graph when it is fitted to its box.
  var PADDING = 40;
  var NODE_WIDTH = 108;
  var NODE_HEIGHT = 62;

  // An edge drawn through points kept in its scratch data, measured along the line between its
  // ends (`distances`: from the nodes' centres or from where the line meets their borders).
  function segmentsFrom(weightsKey, distancesKey, distances) {
    return {
      "curve-style": "round-segments",
      "segment-weights": function (edge) {
        return edge.scratch(weightsKey);
      },
      "segment-distances": function (edge) {
        return edge.scratch(distancesKey);
      },
      "segment-radius": 10,
      "edge-distances": distances,
    };
  }

  // Node and edge styles; `edgeWidth` lets the editor draw thicker moves that are easier to tap.
  function baseStyle(edgeWidth) {
    return [
      // Each role is a box with its title inside, so no move can pass under a label, edged and
      // tinted in its track's colour.
      {
        selector: "node",
        style: {
          shape: "round-rectangle",
          width: NODE_WIDTH,
          height: NODE_HEIGHT,
          "background-color": "data(colour)",
          "background-opacity": 0.16,
          "border-color": "data(colour)",
          "border-width": 3,
          label: "data(label)",
          color: "#212529",
          "font-size": 13,
          "font-family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
          "text-valign": "center",
          "text-halign": "center",
          "text-wrap": "wrap",
          "text-max-width": NODE_WIDTH - 10,
        },
      },
      { selector: "node.entry", style: { "border-style": "dashed" } },
      {
        selector: "edge",
        style: {
          width: edgeWidth,
          "curve-style": "bezier",
          "line-color": "#8d959d",
          "target-arrow-color": "#8d959d",
          "target-arrow-shape": "triangle",
          "arrow-scale": 1.1,
        },
      },
      // A move that passes other roles follows the lane the layout kept free for it, so it never
      // runs through a role it does not touch (see layOut): first as dagre gives it ("routed"),
      // then straightened along its lane ("laned").
      { selector: "edge.routed", style: segmentsFrom("controlPointWeights", "controlPointDistances", "intersection") },
      { selector: "edge.laned", style: segmentsFrom("laneWeights", "laneDistances", "node-position") },
      { selector: "edge.lateral", style: { "line-style": "dashed" } },
      { selector: "edge.specialisation", style: { "line-style": "dotted", width: edgeWidth + 0.5 } },
    ];
  }

  // A graph drawn in `container` in place of its fallback (the list shown without JavaScript),
  // with the look both pages share and `extraStyle`, each page's highlights, on top.
  function create(container, elements, edgeWidth, extraStyle) {
    var fallback = container.querySelector(".role-graph-fallback");
    if (fallback) {
      fallback.remove();
    }
    return window.cytoscape({
      container: container,
      elements: elements,
      layout: { name: "null" },
      minZoom: 0.2,
      maxZoom: 2.5,
      autoungrabify: true,
      boxSelectionEnabled: false,
      style: baseStyle(edgeWidth).concat(extraStyle),
    });
  }

  // Fit the graph; on a small screen, keep a readable zoom instead and start at the entry role on
  // the left: the picture pans with a finger.
  function fitReadable(cy, container) {
    cy.resize();
    cy.fit(undefined, PADDING);
    if (cy.zoom() < READABLE_ZOOM && cy.nodes().length) {
      var box = cy.elements().boundingBox();
      cy.zoom(READABLE_ZOOM);
      cy.pan({
        x: PADDING - box.x1 * READABLE_ZOOM,
        y: container.clientHeight / 2 - ((box.y1 + box.y2) / 2) * READABLE_ZOOM,
      });
    }
  }

  // Lay the roles out in layers, left to right along the moves (dagre): each move spans the
  // layers between its roles through a lane dagre keeps clear of every role, and the edges follow
  // those lanes. Roles keep the server's seniority order within a layer, so the picture is stable.
  function layOut(cy) {
    cy.edges().removeClass("routed").removeScratch("controlPointWeights").removeScratch("controlPointDistances");
    cy.layout({
      name: "dagre",
      rankDir: "LR",
      nodeSep: 10,
      rankSep: 34,
      edgeSep: 12,
      useDagreEdgeControlPoints: true,
      fit: false,
      animate: false,
      sort: function (a, b) {
        if (a.isNode() && b.isNode()) {
          return a.data("order") - b.data("order");
        }
        return 0;
      },
    }).run();
    cy.edges().forEach(function (edge) {
      var weights = edge.scratch("controlPointWeights");
      if (weights && weights.length) {
        edge.addClass("routed");
      }
    });
    keepToLanes(cy);
    // Keep each drawn graph reachable by its container's id (the browser tests read it).
    instances[cy.container().id] = cy;
  }

  var instances = {};

  // dagre gives a long move one bend per layer it crosses, in a lane it keeps clear of the roles
  // of that layer; a straight line from one bend to the next could still clip the corner of a
  // role. Run the move along its lane through the whole width of each layer instead, and bend
  // only in the gaps between layers, where there are no roles.
  function keepToLanes(cy) {
    var layers = [];
    cy.nodes().forEach(function (node) {
      var x = node.position("x");
      if (!layers.some(function (layer) { return Math.abs(layer - x) < 1; })) {
        layers.push(x);
      }
    });
    var half = NODE_WIDTH / 2 + 4;
    cy.edges(".routed").forEach(function (edge) {
      var bends = edge.segmentPoints() || [];
      var lane = [];
      bends.forEach(function (point) {
        var layer = layers.filter(function (x) { return Math.abs(x - point.x) < half; })[0];
        if (layer === undefined) {
          lane.push(point);
        } else {
          lane.push({ x: layer - half, y: point.y }, { x: layer + half, y: point.y });
        }
      });
      var from = edge.source().position();
      var to = edge.target().position();
      var dx = to.x - from.x;
      var dy = to.y - from.y;
      var length = Math.sqrt(dx * dx + dy * dy) || 1;
      // Cytoscape's segment coordinates: the share of the way from source to target, and the
      // distance off that line along its left-hand normal.
      edge.scratch("laneWeights", lane.map(function (p) { return ((p.x - from.x) * dx + (p.y - from.y) * dy) / (length * length); }));
      edge.scratch("laneDistances", lane.map(function (p) { return ((p.x - from.x) * -dy + (p.y - from.y) * dx) / length; }));
      edge.removeClass("routed").addClass("laned");
    });
  }

  // The page's fit and zoom buttons ([data-graph-action]), and a fit again after the window is
  // resized. `current` returns the graph drawn now.
  function addControls(container, current) {
    document.querySelectorAll("[data-graph-action]").forEach(function (button) {
      button.addEventListener("click", function () {
        var cy = current();
        var action = button.getAttribute("data-graph-action");
        var centre = { x: container.clientWidth / 2, y: container.clientHeight / 2 };
        if (action === "fit") {
          cy.fit(undefined, PADDING);
        } else {
          cy.zoom({ level: cy.zoom() * (action === "zoom-in" ? 1.25 : 0.8), renderedPosition: centre });
        }
      });
    });
    var resizeTimer = null;
    window.addEventListener("resize", function () {
      window.clearTimeout(resizeTimer);
      resizeTimer = window.setTimeout(function () {
        fitReadable(current(), container);
      }, 150);
    });
  }

  window.CareerPathGraph = {
    addControls: addControls,
    baseStyle: baseStyle,
    create: create,
    fitReadable: fitReadable,
    layOut: layOut,
    instances: instances,
  };
})();
