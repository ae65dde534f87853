// A "Copy" button next to a read-only field: copies the field named by data-copy.
document.querySelectorAll(".copy-button").forEach(function (button) {
  button.addEventListener("click", function () {
    var input = document.getElementById(button.dataset.copy);
    input.select();
    var done = function () { button.firstChild.textContent = "Copied"; };
    if (navigator.clipboard) { navigator.clipboard.writeText(input.value).then(done, function () {}); }
    else { document.execCommand("copy"); done(); }
  });
});
