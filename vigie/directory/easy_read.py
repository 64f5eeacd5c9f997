"""Easy-to-read (FALC) texts of the directory's public pages: short sentences, common words.

Shown instead of the usual texts when the visitor chose the easy-to-read mode (the template
variable ``easy_read``). tests/portal/test_easy_read_texts.py checks every sentence, in
French and in English: 15 words at most.
"""

from django.utils.translation import gettext_lazy as _

TEXTS = {
    "search_intro": _(
        "Here you find places that can help you. "
        "For example: a test centre, a pharmacy, food aid. "
        "Choose what you look for. Then press the button Search."
    ),
    "search_open_now": _("Tick the box Open now to see only open places."),
    "search_map": _("The map shows the places. The list under the map shows the same places."),
    "detail_intro": _(
        "This page tells you where the place is. It tells you when it is open. "
        "Call before you go if you are not sure."
    ),
    "detail_hours": _("The table shows the opening hours of the next 7 days."),
    "detail_access": _("Here you see if you can come in a wheelchair."),
}
