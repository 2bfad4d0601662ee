// Suggestions for the skill rows of the profile (see jobcluster/combobox.js, loaded before this
// file). The page works without this file: the server resolves the typed name on save
// (seekers.skill_input). Choosing a suggestion fills the row's hidden skill id; typing clears it.
(function () {
  "use strict";

  if (!window.fetch || !window.jobclusterCombobox) {
    return;
  }

  document.querySelectorAll("[data-skill-input]").forEach(function (wrapper) {
    var input = wrapper.querySelector("input[type=text]");
    var hiddenId = wrapper.querySelector("input[data-skill-id]");
    var labels = JSON.parse(wrapper.dataset.labels);
    window.jobclusterCombobox(input, {
      container: wrapper,
      labels: {
        list: labels.list,
        count: labels.count,
        noResult: labels.no_result,
        failed: labels.failed,
      },
      minLength: parseInt(wrapper.dataset.minLength, 10),
      delay: 250,
      url: function (text) {
        return wrapper.dataset.searchUrl + "?q=" + encodeURIComponent(text);
      },
      items: function (data) {
        return (data.results || []).map(function (skill) {
          return { label: skill.name, value: String(skill.id) };
        });
      },
      choose: function (item) {
        hiddenId.value = item.value;
      },
      edited: function () {
        // The typed text no longer names the chosen suggestion.
        hiddenId.value = "";
      },
    });
  });
})();
