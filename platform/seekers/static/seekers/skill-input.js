// Suggestions for the skill rows of the profile, following the ARIA 1.2 combobox pattern with a
// listbox. The page works without this file: the server resolves the typed name on save
// (seekers.skill_input). Choosing a suggestion fills the row's hidden skill id; typing clears it.
// The French texts come from the widget's data attributes, so no translation catalogue is needed.
(function () {
  "use strict";

  if (!window.fetch) {
    return;
  }
  var DELAY_MS = 250;
  var counter = 0;

  // The list exists only with this script, so its few style rules travel with it.
  var style = document.createElement("style");
  style.textContent =
    ".skill-input{position:relative;display:block}" +
    ".skill-input__list{position:absolute;z-index:10;left:0;right:0;margin:0;padding:0;" +
    "list-style:none;background:#fff;border:1px solid #767676;max-height:16rem;overflow-y:auto}" +
    ".skill-input__list li{padding:.5rem;cursor:pointer}" +
    ".skill-input__list [aria-selected=true]{background:#1d4f91;color:#fff}";
  document.head.appendChild(style);

  function enhance(wrapper) {
    var input = wrapper.querySelector("input[type=text]");
    var hiddenId = wrapper.querySelector("input[data-skill-id]");
    var labels = JSON.parse(wrapper.dataset.labels);
    var minLength = parseInt(wrapper.dataset.minLength, 10);
    counter += 1;
    var baseId = (input.id || "skill-input-" + counter) + "-suggestions";

    var listbox = document.createElement("ul");
    listbox.id = baseId;
    listbox.className = "skill-input__list";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", labels.list);
    listbox.hidden = true;
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    wrapper.appendChild(listbox);
    wrapper.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);

    var options = [];
    var results = [];
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
      input.value = results[index].name;
      hiddenId.value = String(results[index].id);
      close();
      status.textContent = "";
    }

    function show(skills) {
      listbox.textContent = "";
      results = skills;
      options = skills.map(function (skill, index) {
        var option = document.createElement("li");
        option.id = baseId + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = skill.name;
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
      if (text.length < minLength) {
        show([]);
        status.textContent = "";
        return;
      }
      if (request) {
        request.abort();
      }
      request = window.AbortController ? new AbortController() : null;
      var url = wrapper.dataset.searchUrl + "?q=" + encodeURIComponent(text);
      fetch(url, {
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
          show(data.results || []);
          if (!options.length) {
            status.textContent = labels.no_result;
          }
        })
        .catch(function (error) {
          // A failed search leaves the typed name, which the server resolves on save.
          if (error.name !== "AbortError") {
            show([]);
            status.textContent = labels.failed;
          }
        });
    }

    input.addEventListener("input", function () {
      // The typed text no longer names the chosen suggestion.
      hiddenId.value = "";
      window.clearTimeout(timer);
      timer = window.setTimeout(search, DELAY_MS);
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
        // Enter picks the highlighted skill instead of submitting the whole profile.
        event.preventDefault();
        choose(active);
      } else if (event.key === "Escape" && open) {
        event.preventDefault();
        close();
      }
    });

    input.addEventListener("blur", close);
  }

  document.querySelectorAll("[data-skill-input]").forEach(enhance);
})();
