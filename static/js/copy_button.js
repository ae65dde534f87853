// Buttons with data-copy="<input id>" copy that input's value to the clipboard.
document.querySelectorAll(".copy-button").forEach(function (button) {
  button.addEventListener("click", function () {
    var input = document.getElementById(button.dataset.copy);
    input.select();
    var done = function () { button.firstChild.textContent = gettext("Copied"); };
    if (navigator.clipboard) { navigator.clipboard.writeText(input.value).then(done, function () {}); }
    else { document.execCommand("copy"); done(); }
  });
});
