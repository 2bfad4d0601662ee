// A text input with suggestions, following the ARIA 1.2 combobox pattern with a listbox.
// Pages load this file before the script that calls `window.jobclusterCombobox`; without
// JavaScript their forms work as plain inputs. The texts come from the caller, which reads them
// from data attributes, so no translation catalogue is needed.
(function () {
  "use strict";

  var counter = 0;

  // The list exists only with this script, so its few style rules travel with it.
  var style = document.createElement("style");
  style.textContent =
    ".combobox{position:relative;display:block}" +
    ".combobox-list{position:absolute;z-index:10;left:0;right:0;margin:0;padding:0;" +
    "list-style:none;background:#fff;border:1px solid #767676;max-height:16rem;overflow-y:auto}" +
    ".combobox-list li{padding:.5rem;cursor:pointer}" +
    ".combobox-list [aria-selected=true]{background:#1d4f91;color:#fff}";
  document.head.appendChild(style);

  // Turn `input` into a combobox inside `settings.container`.
  //   url(text)       the address that returns suggestions for `text` as JSON
  //   items(data)     the suggestions in that JSON, as [{label: ..., value: ...}]
  //   choose(item)    what picking a suggestion does (the input already shows its label)
  //   edited()        optional: called when the user types
  //   labels          {list, count (with %s), noResult (optional), failed (optional)}
  //   minLength, delay
  window.jobclusterCombobox = function (input, settings) {
    var container = settings.container;
    var labels = settings.labels;
    counter += 1;
    var inputId = input.id || "combobox-" + counter;
    var baseId = inputId + "-suggestions";
    container.classList.add("combobox");

    var listbox = document.createElement("ul");
    listbox.id = baseId;
    listbox.className = "combobox-list";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", labels.list);
    listbox.hidden = true;
    var status = document.createElement("p");
    status.id = inputId + "-status";
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.parentNode.insertBefore(listbox, input.nextSibling);
    container.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);

    var options = [];
    var items = [];
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
      var item = items[index];
      input.value = item.label;
      close();
      status.textContent = "";
      settings.choose(item);
    }

    function show(found) {
      listbox.textContent = "";
      items = found;
      options = found.map(function (item, index) {
        var option = document.createElement("li");
        option.id = baseId + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = item.label;
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
        status.textContent = labels.count.replace("%s", options.length);
      } else {
        close();
      }
    }

    function search() {
      var text = input.value.trim();
      if (text.length < settings.minLength) {
        show([]);
        status.textContent = "";
        return;
      }
      if (request) {
        request.abort();
      }
      request = window.AbortController ? new AbortController() : null;
      fetch(settings.url(text), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
        signal: request && request.signal,
      })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("status " + response.status);
          }
          return response.json();
        })
        .then(function (data) {
          if (input.value.trim() !== text) {
            return;
          }
          show(settings.items(data));
          status.textContent = options.length ? status.textContent : labels.noResult || "";
        })
        .catch(function (error) {
          // A refusal (rate limit, error) only means no suggestions: the form still works.
          if (error.name !== "AbortError") {
            show([]);
            status.textContent = labels.failed || "";
          }
        });
    }

    input.addEventListener("input", function () {
      if (settings.edited) {
        settings.edited();
      }
      window.clearTimeout(timer);
      timer = window.setTimeout(search, settings.delay);
    });

    input.addEventListener("keydown", function (event) {
      var open = !listbox.hidden;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!open) {
          search();
        } else {
          highlight(active + 1 < options.length ? active + 1 : 0);
        }
      } else if (event.key === "ArrowUp" && open) {
        event.preventDefault();
        highlight(active > 0 ? active - 1 : options.length - 1);
      } else if (event.key === "Enter" && open && active >= 0) {
        // Enter picks the highlighted suggestion instead of submitting the form.
        event.preventDefault();
        choose(active);
      } else if (event.key === "Escape" && open) {
        event.preventDefault();
        close();
      }
    });

    input.addEventListener("blur", close);
  };
})();
