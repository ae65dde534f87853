// What the public graph and the staff editor draw alike: the look of roles and moves, and a fit
// that keeps labels readable. Loaded before role_graph.js and graph_editor.js.
(function () {
  "use strict";

  var READABLE_ZOOM = 0.7;

  // Node and edge styles; `edgeWidth` lets the editor draw thicker moves that are easier to tap.
  function baseStyle(edgeWidth) {
    return [
      {
        selector: "node",
        style: {
          "background-color": "data(colour)",
          "border-color": "#212529",
          "border-width": 1.5,
          width: 26,
          height: 26,
          label: "data(label)",
          color: "#212529",
          "font-size": 13,
          "font-family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
          "text-valign": "bottom",
          "text-halign": "center",
          "text-margin-y": 5,
          "text-wrap": "wrap",
          "text-max-width": 135,
          "text-background-color": "#ffffff",
          "text-background-opacity": 0.85,
          "text-background-padding": 2,
        },
      },
      { selector: "node.entry", style: { shape: "round-rectangle", width: 34 } },
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
      { selector: "edge.lateral", style: { "line-style": "dashed" } },
      { selector: "edge.specialisation", style: { "line-style": "dotted", width: edgeWidth + 0.5 } },
    ];
  }

  // Fit the graph; on a small screen, keep a readable zoom instead and start at the entry role on
  // the left: the picture pans with a finger.
  function fitReadable(cy, container, padding) {
    cy.resize();
    cy.fit(undefined, padding);
    if (cy.zoom() < READABLE_ZOOM && cy.nodes().length) {
      var box = cy.elements().boundingBox();
      cy.zoom(READABLE_ZOOM);
      cy.pan({
        x: padding - box.x1 * READABLE_ZOOM,
        y: container.clientHeight / 2 - ((box.y1 + box.y2) / 2) * READABLE_ZOOM,
      });
    }
  }

  window.CareerPathGraph = { baseStyle: baseStyle, fitReadable: fitReadable };
})();
