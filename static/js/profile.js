// The profile's skill cards: the badge in a card's summary follows the level picked inside it,
// so a folded card still says what was chosen.
document.querySelectorAll(".skill-card").forEach(function (card) {
  var badge = card.querySelector("[data-skill-badge]");
  card.addEventListener("change", function (event) {
    if (!badge || event.target.type !== "radio") return;
    var level = event.target.value;
    badge.textContent = level ? interpolate(gettext("Level %s"), [level]) : gettext("Not rated");
    badge.className = "badge " + (level ? "text-bg-primary" : "text-bg-light border");
  });
});
