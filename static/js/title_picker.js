// The job title picker (templates/roles/partials/title_picker.html): an ARIA combobox over the
// suggestions htmx swaps in. Arrow keys move through them, Enter or a click picks one (its slug
// goes in the hidden field), Escape closes them. Editing the title clears the pick.
(function () {
  "use strict";

  function options(picker) {
    return Array.prototype.slice.call(picker.querySelectorAll("[role=option]"));
  }

  function setOpen(picker, open) {
    var input = picker.querySelector("[role=combobox]");
    var list = picker.querySelector("[data-title-picker-list]");
    input.setAttribute("aria-expanded", open ? "true" : "false");
    if (!open) {
      input.removeAttribute("aria-activedescendant");
      list.innerHTML = "";
    }
  }

  function highlight(picker, index) {
    var input = picker.querySelector("[role=combobox]");
    options(picker).forEach(function (option, i) {
      var on = i === index;
      option.setAttribute("aria-selected", on ? "true" : "false");
      option.classList.toggle("active", on);
      if (on) {
        input.setAttribute("aria-activedescendant", option.id);
        option.scrollIntoView({ block: "nearest" });
      }
    });
  }

  function pick(picker, option) {
    var input = picker.querySelector("[role=combobox]");
    picker.querySelector("[data-title-picker-slug]").value = option.dataset.slug;
    input.value = option.dataset.title;
    setOpen(picker, false);
    input.focus();
    picker.dispatchEvent(new CustomEvent("title-picker:picked", { bubbles: true, detail: { slug: option.dataset.slug } }));
  }

  function activeIndex(picker) {
    return options(picker).findIndex(function (option) {
      return option.getAttribute("aria-selected") === "true";
    });
  }

  function setUp(picker) {
    if (picker.dataset.titlePickerReady) return;
    picker.dataset.titlePickerReady = "1";
    var input = picker.querySelector("[role=combobox]");
    var slug = picker.querySelector("[data-title-picker-slug]");

    input.addEventListener("input", function () {
      slug.value = "";
    });
    input.addEventListener("keydown", function (event) {
      var items = options(picker);
      var index = activeIndex(picker);
      if (event.key === "ArrowDown" && items.length) {
        event.preventDefault();
        input.setAttribute("aria-expanded", "true");
        highlight(picker, (index + 1) % items.length);
      } else if (event.key === "ArrowUp" && items.length) {
        event.preventDefault();
        highlight(picker, index <= 0 ? items.length - 1 : index - 1);
      } else if (event.key === "Enter" && index >= 0) {
        event.preventDefault();
        pick(picker, items[index]);
      } else if (event.key === "Escape" && input.getAttribute("aria-expanded") === "true") {
        event.preventDefault();
        setOpen(picker, false);
      }
    });
    picker.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option && picker.contains(option)) pick(picker, option);
    });
    picker.addEventListener("htmx:afterSwap", function () {
      setOpen(picker, options(picker).length > 0);
      if (!options(picker).length) input.removeAttribute("aria-activedescendant");
    });
    document.addEventListener("click", function (event) {
      if (!picker.contains(event.target)) {
        input.setAttribute("aria-expanded", "false");
        picker.querySelector("[data-title-picker-list]").innerHTML = "";
      }
    });
  }

  function setUpAll(root) {
    (root || document).querySelectorAll("[data-title-picker]").forEach(setUp);
  }

  document.addEventListener("DOMContentLoaded", function () { setUpAll(document); });
  document.addEventListener("htmx:load", function (event) { setUpAll(event.target); });
})();
