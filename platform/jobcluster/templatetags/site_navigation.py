"""Addresses of the public sections that live in the Wagtail page tree, for the site's menus."""

from django import template

from cms.models import ForumIndexPage, NewsIndexPage

register = template.Library()


@register.simple_tag(takes_context=True)
def section_pages(context) -> dict[str, str]:
    """Return the URLs of the live news list and forum editions list, keyed `news` and `forum`.

    A section whose index page is missing or unpublished is left out, so the menus never link
    to a 404.
    """
    request = context.get("request")
    urls = {}
    for key, model in (("news", NewsIndexPage), ("forum", ForumIndexPage)):
        page = model.objects.live().public().first()
        if page is not None:
            url = page.get_url(request)
            if url:
                urls[key] = url
    return urls
