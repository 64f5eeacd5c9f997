"""Closed vocabularies of the audit log."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    READ = "read", _("Read")
    CREATE = "create", _("Create")
    UPDATE = "update", _("Update")
    DELETE = "delete", _("Delete")
    EXPORT = "export", _("Export")
    IMPORT = "import", _("Import")
    LOGIN = "login", _("Log in")
    LOGIN_FAILED = "login_failed", _("Failed log-in")
    LOGOUT = "logout", _("Log out")
    MFA_ENROLLED = "mfa_enrolled", _("Two-factor device enrolled")
    MFA_FAILED = "mfa_failed", _("Two-factor check failed")
    ACCESS_DENIED = "access_denied", _("Access denied")
    VERIFY = "verify", _("Audit chain verified")
    PURGE = "purge", _("Expired audit events purged")
    ANONYMISE = "anonymise", _("Anonymise")
    PUBLISH = "publish", _("Publish")
    SEND = "send", _("Send")


class AuditPurpose(models.TextChoices):
    """Why the action was done. Closed list: there is no free "other"."""

    ADMINISTRATION = "administration", _("Administration")
    AUTHENTICATION = "authentication", _("Authentication")
    CARE_FOLLOW_UP = "care_follow_up", _("Care and social follow-up")
    CRISIS_RESPONSE = "crisis_response", _("Crisis response")
    DATA_IMPORT = "data_import", _("Data import")
    RIGHTS_REQUEST = "rights_request", _("Data subject rights request")
    SECURITY = "security", _("Security")
    AUDIT = "audit", _("Audit")
    PARTNER_API = "partner_api", _("Partner API")
    SURVEILLANCE = "surveillance", _("Epidemic surveillance")
    RETENTION = "retention", _("Retention rules")
    OUTREACH = "outreach", _("Outreach campaign (calls and visits)")
    PREFECT_REQUEST = "prefect_request", _("Request of the prefect (plan activated)")
    MUTUAL_AID = "mutual_aid", _("Mutual aid (help requests and missions)")
    PUBLIC_INFORMATION = "public_information", _("Public information and alerts")
