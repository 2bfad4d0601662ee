"""A small HTML reader for the page tests, built on the standard library's html.parser."""

from dataclasses import dataclass
from html.parser import HTMLParser

# Elements whose text content the tests read.
TEXT_TAGS = {"a", "button", "h1", "h2", "h3", "label", "p", "title"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""


class PageMarkup(HTMLParser):
    """Collect every start tag with its attributes, and the text of the tags in TEXT_TAGS."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open_text_elements: list[Element] = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.elements.append(element)
        if tag in TEXT_TAGS:
            self._open_text_elements.append(element)

    def handle_endtag(self, tag):
        if self._open_text_elements and self._open_text_elements[-1].tag == tag:
            self._open_text_elements.pop()

    def handle_data(self, data):
        for element in self._open_text_elements:
            element.text += data

    def find_all(self, tag: str, **attrs: str) -> list[Element]:
        """Return the elements named tag whose attributes equal every keyword given."""
        return [
            element
            for element in self.elements
            if element.tag == tag
            and all(element.attrs.get(name) == value for name, value in attrs.items())
        ]


def parse(html: str) -> PageMarkup:
    markup = PageMarkup()
    markup.feed(html)
    markup.close()
    return markup
