/*
 * Draw the role graph with Cytoscape.js.
 *
 * The page embeds the data with json_script (no inline script, so a CSP can forbid them). Roles are
 * laid out in layers along the moves (graph_common.js), in the server's seniority order within a
 * layer. Track colours come from the CSS custom properties --track-<track> so the legend and the
 * picture agree. Selecting a role opens its page; selecting a move opens the moves into its target.
 */
(function () {
  "use strict";

  var container = document.getElementById("role-graph");
  var dataElement = document.getElementById("role-graph-data");
  if (!container || !dataElement || typeof window.cytoscape !== "function") {
    return;
  }

  var data = JSON.parse(dataElement.textContent);
  var rootStyle = window.getComputedStyle(document.documentElement);

  function trackColour(track) {
    return rootStyle.getPropertyValue("--track-" + track).trim() || "#6c757d";
  }

  var elements = [];
  var urls = {};
  data.nodes.forEach(function (node, index) {
    urls[node.slug] = node.url;
    elements.push({
      group: "nodes",
      data: {
        id: node.slug,
        label: node.title,
        url: node.url,
        colour: trackColour(node.track),
        order: index,
      },
      classes: node.is_entry ? "entry" : "",
    });
  });
  data.edges.forEach(function (edge) {
    elements.push({
      group: "edges",
      data: {
        id: edge.from + "->" + edge.to,
        source: edge.from,
        target: edge.to,
        url: urls[edge.to] ? urls[edge.to] + "#to-here" : "",
      },
      classes: edge.kind,
    });
  });

  var cy = window.CareerPathGraph.create(container, elements, 1.6, [
    { selector: ".faded", style: { opacity: 0.15 } },
    {
      selector: "node.highlighted",
      style: { "border-width": 5, "font-weight": "bold" },
    },
    {
      selector: "edge.highlighted",
      style: { "line-color": "#0b5ed7", "target-arrow-color": "#0b5ed7", width: 2.6 },
    },
  ]);

  function clearHighlight() {
    cy.elements().removeClass("faded highlighted");
    container.style.cursor = "";
  }

  function highlight(node) {
    var neighbourhood = node.closedNeighborhood();
    cy.elements().not(neighbourhood).addClass("faded");
    neighbourhood.addClass("highlighted");
    container.style.cursor = "pointer";
  }

  window.CareerPathGraph.layOut(cy);

  cy.on("mouseover", "node", function (event) {
    highlight(event.target);
  });
  cy.on("mouseover", "edge", function (event) {
    var edge = event.target;
    cy.elements().not(edge.union(edge.connectedNodes())).addClass("faded");
    edge.union(edge.connectedNodes()).addClass("highlighted");
    container.style.cursor = "pointer";
  });
  cy.on("mouseout", "node, edge", clearHighlight);
  cy.on("tap", "node, edge", function (event) {
    var url = event.target.data("url");
    if (url) {
      window.location.assign(url);
    }
  });

  // Fit the whole graph; where that makes the labels too small to read (a phone), keep a readable
  // zoom instead and start at the entry role on the left: the picture pans with a finger.
  window.CareerPathGraph.fitReadable(cy, container);
  window.CareerPathGraph.addControls(container, function () {
    return cy;
  });
})();
