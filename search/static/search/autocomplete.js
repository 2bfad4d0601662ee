// Suggestions under the search box, following the ARIA 1.2 combobox pattern with a listbox.
// The page works without this file: the form submits as usual. The French texts come from
// data attributes on the input, so the script needs no translation catalogue.
(function () {
  "use strict";

  var input = document.querySelector("input[data-autocomplete-url]");
  if (!input || !window.fetch) {
    return;
  }
  var form = input.form;
  var MIN_CHARACTERS = 2;
  var DELAY_MS = 200;

  // The list exists only with this script, so its few style rules travel with it.
  var style = document.createElement("style");
  style.textContent =
    ".autocomplete{position:relative}" +
    ".autocomplete-list{position:absolute;z-index:10;left:0;right:0;margin:0;padding:0;" +
    "list-style:none;background:#fff;border:1px solid #767676;max-height:16rem;overflow-y:auto}" +
    ".autocomplete-list li{padding:.5rem;cursor:pointer}" +
    ".autocomplete-list [aria-selected=true]{background:#1d4f91;color:#fff}";
  document.head.appendChild(style);
  input.parentNode.classList.add("autocomplete");

  var listbox = document.createElement("ul");
  listbox.id = input.id + "-suggestions";
  listbox.className = "autocomplete-list";
  listbox.setAttribute("role", "listbox");
  listbox.setAttribute("aria-label", input.dataset.listLabel);
  listbox.hidden = true;
  var status = document.createElement("p");
  status.id = input.id + "-status";
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  input.parentNode.insertBefore(listbox, input.nextSibling);
  input.parentNode.appendChild(status);

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listbox.id);

  var options = [];
  var active = -1;
  var timer = null;
  var request = null;

  function close() {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    options.forEach(function (option, position) {
      option.setAttribute("aria-selected", position === index ? "true" : "false");
    });
    active = index;
    if (index < 0) {
      input.removeAttribute("aria-activedescendant");
    } else {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    }
  }

  function choose(index) {
    input.value = options[index].textContent;
    close();
    form.submit();
  }

  function show(suggestions) {
    listbox.textContent = "";
    options = suggestions.map(function (label, index) {
      var option = document.createElement("li");
      option.id = listbox.id + "-" + index;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.textContent = label;
      // mousedown, not click, so the input keeps the focus until the choice is made.
      option.addEventListener("mousedown", function (event) {
        event.preventDefault();
        choose(index);
      });
      listbox.appendChild(option);
      return option;
    });
    active = -1;
    if (options.length) {
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent = input.dataset.countLabel.replace("%s", options.length);
    } else {
      close();
      status.textContent = "";
    }
  }

  function fetchSuggestions() {
    var text = input.value.trim();
    if (text.length < MIN_CHARACTERS) {
      show([]);
      return;
    }
    if (request) {
      request.abort();
    }
    request = window.AbortController ? new AbortController() : null;
    var url = input.dataset.autocompleteUrl + "?q=" + encodeURIComponent(text);
    fetch(url, { headers: { Accept: "application/json" }, signal: request && request.signal })
      .then(function (response) {
        // A refusal (rate limit, error) only means no suggestions: the form still works.
        return response.ok ? response.json() : { suggestions: [] };
      })
      .then(function (data) {
        if (input.value.trim() === text) {
          show(data.suggestions || []);
        }
      })
      .catch(function () {});
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(fetchSuggestions, DELAY_MS);
  });

  input.addEventListener("keydown", function (event) {
    var open = !listbox.hidden;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!open) {
        fetchSuggestions();
      } else {
        highlight(active + 1 < options.length ? active + 1 : 0);
      }
    } else if (event.key === "ArrowUp" && open) {
      event.preventDefault();
      highlight(active > 0 ? active - 1 : options.length - 1);
    } else if (event.key === "Enter" && open && active >= 0) {
      event.preventDefault();
      choose(active);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      close();
    }
  });

  input.addEventListener("blur", close);
})();
