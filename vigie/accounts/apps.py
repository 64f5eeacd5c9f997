from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "vigie.accounts"
    label = "accounts"

    def ready(self) -> None:
        from . import signals

        # Connected without a sender: it runs after every app's post_migrate, once that
        # app's permissions exist (auth's receiver was connected earlier, so it runs first).
        post_migrate.connect(
            signals.sync_roles_after_migrate, dispatch_uid="vigie.accounts.sync_roles"
        )
