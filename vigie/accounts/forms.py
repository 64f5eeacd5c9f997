"""Forms of the log-in, two-factor and account pages, rendered with the DSFR classes."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from vigie.core.forms import DsfrFormMixin


class LoginForm(DsfrFormMixin, AuthenticationForm):
    """E-mail and password. One message for every failure: it never tells whether the
    account exists, is disabled or the password is wrong (ASVS 16.5.1)."""

    error_messages = {
        "invalid_login": _("E-mail or password incorrect."),
        "inactive": _("E-mail or password incorrect."),
    }

    def __init__(self, request=None, *args, **kwargs) -> None:
        super().__init__(request, *args, **kwargs)
        username = self.fields["username"]
        username.label = _("E-mail address")
        username.widget = forms.EmailInput(
            attrs={"class": "fr-input", "autocomplete": "username", "autofocus": True}
        )
        username.max_length = 254
        self.fields["password"].label = _("Password")
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"

    def clean_username(self) -> str:
        """Addresses are stored in lower case: "Ann@X.fr" is the account "ann@x.fr"."""
        return self.cleaned_data["username"].strip().lower()


class OneTimeCodeForm(DsfrFormMixin, forms.Form):
    otp_token = forms.CharField(
        label=_("Verification code"),
        help_text=_("The 6 digits shown by your authenticator app, or one of your recovery codes."),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
        error_messages={"required": _("Enter the verification code.")},
    )


class EnrolmentForm(DsfrFormMixin, forms.Form):
    otp_token = forms.RegexField(
        label=_("Code shown by the app"),
        help_text=_("6 digits, for example 123456."),
        regex=r"^\s*\d{3}\s?\d{3}\s*$",
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        error_messages={
            "required": _("Enter the 6-digit code shown by your authenticator app."),
            "invalid": _("The code is made of 6 digits, for example 123456."),
        },
    )


class ReauthenticationForm(DsfrFormMixin, forms.Form):
    """Asks the password again before a change of the second factor (ASVS 7.5.1)."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password.")},
    )


class DsfrPasswordChangeForm(DsfrFormMixin, PasswordChangeForm):
    pass
