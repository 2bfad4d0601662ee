// Skills chooser of the opportunity forms, registered on the Wagtail admin's Stimulus application.
//
// The server renders a multiple <select> containing only the chosen skills (cms.widgets). This
// controller hides it, shows the chosen skills as removable items and adds a search box whose
// results come from the JSON endpoint in `data-skill-chooser-url-value`. Choosing a result adds a
// selected <option>, so the form posts the same field as the plain select.
(() => {
  "use strict";

  const SEARCH_DELAY_MS = 250;
  const MIN_QUERY_LENGTH = 2;

  class SkillChooserController extends window.StimulusModule.Controller {
    static values = { url: String, occupationField: String, labels: Object };

    connect() {
      this.select = this.element.querySelector("select");
      this.select.hidden = true;

      this.chosenList = document.createElement("ul");
      this.chosenList.className = "skill-chooser__chosen";

      this.input = document.createElement("input");
      this.input.type = "search";
      this.input.className = "skill-chooser__input";
      this.input.autocomplete = "off";
      this.input.setAttribute("enterkeyhint", "search");
      this.input.setAttribute("aria-label", this.labelsValue.search);
      this.input.placeholder = this.labelsValue.placeholder;

      this.status = document.createElement("p");
      this.status.className = "skill-chooser__status";
      this.status.setAttribute("aria-live", "polite");

      this.resultList = document.createElement("ul");
      this.resultList.className = "skill-chooser__results";

      this.element.append(this.chosenList, this.input, this.status, this.resultList);
      this.input.addEventListener("input", () => this.scheduleSearch());
      this.input.addEventListener("keydown", (event) => this.onKeydown(event));
      this.renderChosen();
    }

    disconnect() {
      window.clearTimeout(this.timer);
      if (this.request) this.request.abort();
    }

    onKeydown(event) {
      // Enter must not submit the page form: it picks the first result instead.
      if (event.key !== "Enter") return;
      event.preventDefault();
      const first = this.resultList.querySelector("button");
      if (first) first.click();
    }

    scheduleSearch() {
      window.clearTimeout(this.timer);
      this.timer = window.setTimeout(() => this.search(), SEARCH_DELAY_MS);
    }

    async search() {
      const query = this.input.value.trim();
      this.resultList.replaceChildren();
      this.status.textContent = "";
      if (query.length < MIN_QUERY_LENGTH) return;

      const params = new URLSearchParams({ q: query });
      if (this.occupationFieldValue) {
        const occupation = document.getElementById(this.occupationFieldValue);
        if (!occupation || !occupation.value) {
          this.status.textContent = this.labelsValue.choose_occupation;
          return;
        }
        params.set("occupation", occupation.value);
      }

      if (this.request) this.request.abort();
      this.request = new AbortController();
      let results;
      try {
        const response = await fetch(`${this.urlValue}?${params}`, {
          credentials: "same-origin",
          headers: { "X-Requested-With": "XMLHttpRequest" },
          signal: this.request.signal,
        });
        if (!response.ok) throw new Error(`status ${response.status}`);
        results = (await response.json()).results;
      } catch (error) {
        if (error.name === "AbortError") return;
        this.status.textContent = this.labelsValue.failed;
        return;
      }
      this.renderResults(results);
    }

    renderResults(results) {
      const chosen = new Set(this.chosenOptions().map((option) => option.value));
      const fresh = results.filter((skill) => !chosen.has(String(skill.id)));
      if (!fresh.length) {
        this.status.textContent = this.labelsValue.no_result;
        return;
      }
      for (const skill of fresh) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "skill-chooser__result";
        button.textContent = skill.name;
        button.addEventListener("click", () => this.add(String(skill.id), skill.name));
        const item = document.createElement("li");
        item.append(button);
        this.resultList.append(item);
      }
    }

    chosenOptions() {
      return Array.from(this.select.options).filter((option) => option.selected);
    }

    add(id, name) {
      let option = Array.from(this.select.options).find((candidate) => candidate.value === id);
      if (!option) {
        option = new Option(name, id, true, true);
        this.select.append(option);
      }
      option.selected = true;
      this.input.value = "";
      this.resultList.replaceChildren();
      this.status.textContent = "";
      this.renderChosen();
      this.input.focus();
    }

    remove(option) {
      option.remove();
      this.renderChosen();
    }

    renderChosen() {
      this.chosenList.replaceChildren();
      for (const option of this.chosenOptions()) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "skill-chooser__remove";
        button.textContent = this.labelsValue.remove;
        button.setAttribute("aria-label", `${this.labelsValue.remove} : ${option.text}`);
        button.addEventListener("click", () => this.remove(option));
        const item = document.createElement("li");
        item.append(document.createTextNode(option.text), " ", button);
        this.chosenList.append(item);
      }
    }
  }

  window.wagtail.app.register("skill-chooser", SkillChooserController);
})();
