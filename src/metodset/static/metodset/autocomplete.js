/* Search pickers (metodset.core.autocomplete): htmx fetches the options into the listbox;
   this file lets the keyboard and the mouse choose one. No inline script (CSP). */
(function () {
  "use strict";

  function box(el) { return el && el.closest ? el.closest("[data-autocomplete]") : null; }
  function list(b) { return b.querySelector("[role=listbox]"); }
  function field(b) { return b.querySelector("[role=combobox]"); }
  function options(b) {
    return Array.prototype.slice.call(
      list(b).querySelectorAll("[role=option]:not([aria-disabled=true])"));
  }
  function allOptions(b) { return list(b).querySelectorAll("[role=option]"); }

  function open(b, yes) {
    var l = list(b), input = field(b);
    l.hidden = !yes;
    input.setAttribute("aria-expanded", yes ? "true" : "false");
    if (!yes) { input.removeAttribute("aria-activedescendant"); }
  }

  function activate(b, index) {
    var opts = options(b), input = field(b);
    opts.forEach(function (o, k) { o.setAttribute("aria-selected", k === index ? "true" : "false"); });
    if (opts[index]) {
      input.setAttribute("aria-activedescendant", opts[index].id);
      opts[index].scrollIntoView({ block: "nearest" });
    }
  }

  function choose(b, option) {
    var input = field(b), value = option.getAttribute("data-value"),
        label = option.textContent.trim();
    if (b.hasAttribute("data-multiple")) {
      var chosen = b.querySelector("[data-autocomplete-chosen]"), exists = false;
      chosen.querySelectorAll("input").forEach(function (i) {
        if (i.value === value) { i.checked = true; exists = true; }
      });
      if (!exists) {
        var li = document.createElement("li"), lab = document.createElement("label"),
            box_ = document.createElement("input");
        box_.type = "checkbox"; box_.name = b.getAttribute("data-name");
        box_.value = value; box_.checked = true;
        lab.appendChild(box_); lab.appendChild(document.createTextNode(" " + label));
        li.appendChild(lab); chosen.appendChild(li);
      }
      input.value = "";
    } else {
      b.querySelector("[data-autocomplete-value]").value = value;
      b.querySelector("[data-autocomplete-shown]").value = label;
      input.value = label;
    }
    open(b, false);
    input.focus();
    // A filter form refreshes its results on a choice (components/filters.html).
    b.dispatchEvent(new CustomEvent("autocomplete:chosen", { bubbles: true }));
  }

  document.addEventListener("keydown", function (e) {
    var input = e.target;
    if (!input.getAttribute || input.getAttribute("role") !== "combobox") { return; }
    var b = box(input);
    if (!b) { return; }
    var opts = options(b), l = list(b), index = -1;
    opts.forEach(function (o, k) { if (o.getAttribute("aria-selected") === "true") { index = k; } });
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!opts.length) { return; }
      e.preventDefault();
      if (l.hidden) { open(b, true); }
      index = e.key === "ArrowDown" ? Math.min(index + 1, opts.length - 1) : Math.max(index - 1, 0);
      activate(b, index);
    } else if (e.key === "Enter" && !l.hidden) {
      // An open list never submits the form: Enter takes the active option, or the only one.
      e.preventDefault();
      if (index < 0 && opts.length === 1) { index = 0; }
      if (index >= 0) { choose(b, opts[index]); }
    } else if (e.key === "Escape" && !l.hidden) {
      e.preventDefault();
      open(b, false);
    }
  });

  // Typing after a choice undoes it: the id follows only a name picked from the list.
  document.addEventListener("input", function (e) {
    var b = box(e.target);
    if (!b || e.target.getAttribute("role") !== "combobox" || b.hasAttribute("data-multiple")) { return; }
    b.querySelector("[data-autocomplete-value]").value = "";
    b.querySelector("[data-autocomplete-shown]").value = "";
  });

  // A click on an option chooses it; the input keeps the focus meanwhile.
  document.addEventListener("mousedown", function (e) {
    var option = e.target.closest && e.target.closest("[data-autocomplete] [role=option]");
    if (option) { e.preventDefault(); }
  });
  document.addEventListener("click", function (e) {
    var option = e.target.closest && e.target.closest("[data-autocomplete] [role=option]");
    if (option && option.getAttribute("aria-disabled") !== "true") { choose(box(option), option); }
  });

  document.addEventListener("focusout", function (e) {
    var b = box(e.target);
    if (b && !b.contains(e.relatedTarget)) { open(b, false); }
  });

  document.addEventListener("htmx:afterSwap", function (e) {
    var l = e.detail.target;
    if (!l.getAttribute || l.getAttribute("role") !== "listbox") { return; }
    var b = box(l), input = field(b);
    Array.prototype.forEach.call(allOptions(b), function (o, k) { o.id = l.id + "_" + k; });
    input.removeAttribute("aria-activedescendant");  // the new options have none active
    open(b, document.activeElement === field(b) && allOptions(b).length > 0);
  });
})();
