"""Every public page of the project, for the browser tests (axe-core, no JavaScript).

The list is built from the URL names of the contracts between the apps and from every URL
name starting with ``public_`` found in the URL tree, so that a public page added by another
app (registry, solidarity, alerts...) is checked as soon as it is merged. Names that do not
resolve (an app not installed yet) are skipped; pages that take a uuid get one from
``samples`` (name -> args), others with arguments are listed in ``needs_arguments``.
"""

from __future__ import annotations

from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

# Public pages named in the contracts (helpers-brief) and the portal's own pages.
KNOWN_NAMES: tuple[str, ...] = (
    "portal:home",
    "portal:accessibility",
    "portal:legal",
    "portal:privacy",
    "accounts:login",
    "directory:public_search",
    "registry:public_signup",
    "solidarity:public_request",
    "solidarity:volunteer_signup",
    "alerts:public_list",
    "alerts:subscribe",
)


def _names(patterns, namespace: str = "") -> list[tuple[str, URLPattern]]:
    found = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            nested = entry.namespace or ""
            prefix = f"{namespace}:{nested}" if namespace and nested else (nested or namespace)
            if prefix.startswith("api"):
                continue
            found += _names(entry.url_patterns, prefix)
        elif isinstance(entry, URLPattern) and entry.name:
            found.append((f"{namespace}:{entry.name}" if namespace else entry.name, entry))
    return found


def public_names() -> list[str]:
    discovered = [
        name
        for name, _ in _names(get_resolver().url_patterns)
        if name.split(":")[-1].startswith("public_")
    ]
    return list(dict.fromkeys([*KNOWN_NAMES, *sorted(discovered)]))


def public_urls(samples: dict[str, list]) -> tuple[list[str], list[str]]:
    """(paths to check, names that need arguments no sample gives)."""
    urls, needs_arguments = [], []
    for name in public_names():
        try:
            urls.append(reverse(name, args=samples.get(name, [])))
        except NoReverseMatch:
            try:
                reverse(name, args=["00000000-0000-0000-0000-000000000000"])
            except NoReverseMatch:
                continue  # not installed (yet), or needs other arguments
            needs_arguments.append(name)
    return urls, needs_arguments
