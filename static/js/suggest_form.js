// The coach's suggestion form shows only the fields of the kind picked. Without this script every
// group shows, each labelled with its kind, and the server ignores the fields of other kinds.
document.querySelectorAll(".suggest-form").forEach(function (form) {
  var groups = form.querySelectorAll("[data-suggest-kinds]");
  function show() {
    var picked = form.querySelector('input[name$="kind"][type="radio"]:checked');
    groups.forEach(function (group) {
      var kinds = group.dataset.suggestKinds.split(" ");
      group.hidden = !picked || kinds.indexOf(picked.value) === -1;
    });
  }
  form.addEventListener("change", function (event) {
    if (event.target.type === "radio" && /kind$/.test(event.target.name)) show();
  });
  show();
});
