// Read a drawn Cytoscape graph: every move's drawn path as points, the roles it runs through other
// than its own two, and the point on it farthest from any other move and clear of every role, to
// click. Evaluated in the page by test_role_graph.py.
(containerId) => {
  const cy = window.CareerPathGraph.instances[containerId];
  const boxes = cy.nodes().map((node) => ({ id: node.id(), box: node.boundingBox({ includeLabels: false }) }));
  const inside = (point, box, margin) =>
    point.x > box.x1 + margin && point.x < box.x2 - margin && point.y > box.y1 + margin && point.y < box.y2 - margin;
  const toScreen = (point) => {
    const rect = cy.container().getBoundingClientRect();
    return { x: rect.left + point.x * cy.zoom() + cy.pan().x, y: rect.top + point.y * cy.zoom() + cy.pan().y };
  };
  const paths = cy.edges().map((edge) => {
    const bends = edge.segmentPoints() || edge.controlPoints() || [];
    const corners = [edge.sourceEndpoint(), ...bends, edge.targetEndpoint()];
    const samples = [];
    for (let i = 0; i + 1 < corners.length; i++) {
      const a = corners[i];
      const b = corners[i + 1];
      const steps = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / 2));
      for (let s = 0; s <= steps; s++) {
        samples.push({ x: a.x + ((b.x - a.x) * s) / steps, y: a.y + ((b.y - a.y) * s) / steps });
      }
    }
    return { edge, samples };
  });
  const edges = paths.map(({ edge, samples }, index) => {
    const ends = [edge.source().id(), edge.target().id()];
    const through = boxes
      .filter(({ id, box }) => !ends.includes(id) && samples.some((point) => inside(point, box, 1)))
      .map(({ id }) => id);
    const others = paths.filter((_, other) => other !== index).flatMap((path) => path.samples.filter((_, i) => i % 2 === 0));
    let pick = null;
    let clearance = 0;
    samples
      .filter((point, i) => i % 3 === 0 && !boxes.some(({ box }) => inside(point, box, -6)))
      .forEach((point) => {
        const nearest = Math.min(...others.map((o) => Math.hypot(o.x - point.x, o.y - point.y)));
        if (nearest > clearance) {
          clearance = nearest;
          pick = point;
        }
      });
    // On screen, at least this far from any other move: a click there cannot take the wrong one.
    const clear = clearance * cy.zoom() >= 5;
    return { id: edge.id(), source: ends[0], target: ends[1], through, pick: pick && clear ? toScreen(pick) : null };
  });
  const rect = cy.container().getBoundingClientRect();
  const shown = cy.nodes().filter((node) => {
    const box = node.renderedBoundingBox({ includeLabels: false });
    return box.x1 >= 0 && box.y1 >= 0 && box.x2 <= rect.width && box.y2 <= rect.height;
  }).length;
  return { edges, nodes: cy.nodes().length, shown, zoom: cy.zoom() };
}
