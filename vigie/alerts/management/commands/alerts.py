"""``manage.py alerts``: operators' commands of the alerts app.

alerts schedule              queue the daily task (expiry, retention) and a sweep
alerts sweep                 recover deliveries of dead workers now, queue what is due
alerts send email|sms        send due deliveries in this process (no worker needed)
alerts validate FILE.xml     check a CAP document against the OASIS CAP 1.2 schema
alerts sms-reply --from NUMBER --body TEXT
                             act on an SMS answer ("STOP"...) as the webhook would, and
                             print the answer (development: no provider, no signature)
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from vigie.alerts import cap, deliveries, sms_replies, tasks
from vigie.alerts.enums import MESSAGE_CHANNELS


class Command(BaseCommand):
    help = "Alerts: schedule the daily task, sweep deliveries, send, validate a CAP file."

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("schedule", help="Queue the daily task and a sweep (idempotent).")
        sub.add_parser("sweep", help="Recover deliveries of dead workers; queue due sends.")
        send = sub.add_parser("send", help="Send due deliveries of a channel now.")
        send.add_argument("channel", choices=[str(c) for c in MESSAGE_CHANNELS])
        validate = sub.add_parser("validate", help="Validate a CAP 1.2 XML file.")
        validate.add_argument("file", type=Path)
        reply = sub.add_parser(
            "sms-reply", help="Act on an SMS sent back (STOP, START, HELP...) and print the answer."
        )
        reply.add_argument("--from", dest="sender", required=True, help="the sender's number")
        reply.add_argument("--body", required=True, help="the text of the SMS")

    def handle(self, *args, action: str, **options) -> None:
        if action == "schedule":
            due, queued = tasks.ensure_daily_schedule()
            tasks.ensure_sweep()
            state = "queued" if queued else "already queued"
            self.stdout.write(f"Daily alerts task {state}, due {due:%Y-%m-%d %H:%M %Z}.")
        elif action == "sweep":
            self.stdout.write(str(tasks.sweep()))
        elif action == "send":
            report = deliveries.send_due(options["channel"])
            self.stdout.write(str(report.as_dict()))
        elif action == "validate":
            self.validate(options["file"])
        elif action == "sms-reply":
            self.sms_reply(options["sender"], options["body"])

    def sms_reply(self, sender: str, body: str) -> None:
        if not sender.strip():
            raise CommandError("--from must be a phone number.")
        reply = sms_replies.answer(sender, body)
        self.stdout.write(
            f"Understood: {reply.intent.value}; subscriptions ended: {len(reply.ended)}."
        )
        self.stdout.write(f"Answer: {reply.text}" if reply.text else "No answer.")

    def validate(self, path: Path) -> None:
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from None
        problems = cap.validate(data)
        if problems:
            raise CommandError(f"{path} is not a valid CAP 1.2 document:\n" + "\n".join(problems))
        self.stdout.write(f"{path}: valid CAP 1.2 document.")
