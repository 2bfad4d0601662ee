// Suggestions under the search box (see jobcluster/combobox.js, loaded before this file).
// The page works without JavaScript: the form submits as usual.
(function () {
  "use strict";

  var input = document.querySelector("input[data-autocomplete-url]");
  if (!input || !window.fetch || !window.jobclusterCombobox) {
    return;
  }
  window.jobclusterCombobox(input, {
    container: input.parentNode,
    labels: { list: input.dataset.listLabel, count: input.dataset.countLabel },
    minLength: 2,
    delay: 200,
    url: function (text) {
      return input.dataset.autocompleteUrl + "?q=" + encodeURIComponent(text);
    },
    items: function (data) {
      return (data.suggestions || []).map(function (label) {
        return { label: label, value: label };
      });
    },
    choose: function () {
      input.form.submit();
    },
  });
})();
