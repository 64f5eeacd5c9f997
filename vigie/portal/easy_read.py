"""Easy-to-read (FALC) texts of the portal's own pages: short sentences, common words, one
idea per sentence. Shown when the visitor chose the easy-to-read mode (``easy_read``).

tests/portal/test_easy_read_texts.py checks every sentence, in French and in English:
15 words at most.
"""

from django.utils.translation import gettext_lazy as _

TEXTS = {
    "home_intro": _(
        "This site gives news about the health of people here. It tells you where to find help."
    ),
    "situation": _(
        "The map shows the risk in each town. "
        "Dark colours mean a high risk. "
        "The table under the map says the same thing."
    ),
    "situation_hidden": _(
        "Some towns have very few sick people. "
        "We do not show these towns. "
        "This protects the people who live there."
    ),
    "alerts": _("An alert is an important message. Read it. Do what it says."),
    "no_alert_info": _("We cannot show the alerts now. Come back later."),
    "no_alert": _("There is no alert now."),
    "services": _(
        "Find a place that can help you. For example: a test centre, a pharmacy, food aid."
    ),
    "forms": _("You can ask for help here. You can also help other people."),
    "easy_read": _("Easy to read is on. The texts are shorter and simpler."),
    "accessibility": _(
        "We want everybody to use this site. "
        "Some parts are still hard to use. "
        "Tell us if you have a problem."
    ),
    "legal": _("This page says who makes this site. It says who hosts the site."),
    "privacy": _(
        "This page says what we do with your information. "
        "We keep only what we need. "
        "You can ask to see or delete it."
    ),
}
