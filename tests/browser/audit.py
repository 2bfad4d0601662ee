"""Accessibility checks with axe-core and the transferred weight of pages, for the browser tests."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

# axe-core's impact levels that fail the test; "minor" and "moderate" are only reported.
FAILING_IMPACTS = ("serious", "critical")


@dataclass(frozen=True)
class Weight:
    page: str
    url: str
    status: int
    requests: int
    transferred_bytes: int
    document_bytes: int


class Audit:
    """The axe-core results and page weights of one browser run, written as reports."""

    def __init__(self, axe_source: str, folder: Path) -> None:
        self.axe_source = axe_source
        self.folder = folder
        self.violations: list[dict] = []
        self.checked: list[str] = []
        self.weights: list[Weight] = []

    def check(self, page, name: str) -> None:
        """Run axe-core on the page as shown and keep its serious and critical violations."""
        page.add_script_tag(content=self.axe_source)
        result = page.evaluate(
            """async () => {
                const result = await axe.run(document, {resultTypes: ['violations']});
                return result.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5),
                }));
            }"""
        )
        self.checked.append(name)
        for violation in result:
            if violation["impact"] in FAILING_IMPACTS:
                self.violations.append({"page": name, "url": page.url, **violation})

    def weigh(self, browser, url: str, name: str) -> Weight:
        """Load `url` in a new context without cache and add up the bytes of every response.

        Each response counts its headers and its body as received, compressed or not, which is
        what Chromium reports through Playwright's `Request.sizes()`.
        """
        context = browser.new_context(locale="fr-FR")
        page = context.new_page()
        responses = []
        page.on("requestfinished", lambda request: responses.append(request))
        document = page.goto(url)
        page.wait_for_load_state("networkidle")
        total = 0
        document_bytes = 0
        for request in responses:
            sizes = request.sizes()
            size = sizes["responseHeadersSize"] + max(sizes["responseBodySize"], 0)
            total += size
            if document is not None and request == document.request:
                document_bytes = size
        context.close()
        status = document.status if document is not None else 0
        weight = Weight(name, url, status, len(responses), total, document_bytes)
        self.weights.append(weight)
        return weight

    def weight_table(self) -> str:
        lines = [
            "| page | requests | transferred | of which HTML |",
            "| --- | ---: | ---: | ---: |",
        ]
        for weight in self.weights:
            lines.append(
                f"| {weight.page} | {weight.requests} | {weight.transferred_bytes / 1024:.1f} KB "
                f"| {weight.document_bytes / 1024:.1f} KB |"
            )
        return "\n".join(lines)

    def summary(self) -> str:
        lines = [f"axe-core: {len(self.violations)} serious or critical violations"]
        for violation in self.violations:
            lines.append(
                f"  {violation['page']}: {violation['id']} ({violation['impact']}) "
                f"{violation['help']} at {', '.join(violation['nodes'])}"
            )
        return "\n".join(lines)

    def write_reports(self) -> None:
        """Write weights.md, weights.json and accessibility.json, and print the weight table."""
        table = self.weight_table()
        (self.folder / "weights.md").write_text(table + "\n", encoding="utf-8")
        (self.folder / "weights.json").write_text(
            json.dumps([weight.__dict__ for weight in self.weights], indent=2), encoding="utf-8"
        )
        (self.folder / "accessibility.json").write_text(
            json.dumps({"checked": self.checked, "violations": self.violations}, indent=2),
            encoding="utf-8",
        )
        print(f"\nTransferred weight of the public pages:\n{table}\n{self.summary()}")
