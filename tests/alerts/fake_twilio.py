"""A local fake of Twilio's Messages API (the shape of its documented requests and answers).

Records each request (path, headers, form fields, connection) and answers like Twilio:
``201`` with ``{"sid": "SM…", "status": "queued"}``, or an error ``{"code", "message",
"status"}`` chosen per recipient number.
"""

from __future__ import annotations

import http.server
import json
import threading
import uuid
from dataclasses import dataclass, field
from urllib.parse import parse_qs

ACCOUNT_SID = "AC" + "0123456789abcdef" * 2
AUTH_TOKEN = "fedcba9876543210" * 2


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    fields: dict[str, str]
    client_port: int


@dataclass
class FakeTwilio:
    requests: list[Request] = field(default_factory=list)
    answers: dict[str, tuple[int, dict]] = field(default_factory=dict)  # To -> (status, body)

    def handler_class(self):
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as Twilio's servers

            def do_POST(self):  # noqa: N802 - the http.server API
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length).decode()
                fields = {k: v[0] for k, v in parse_qs(body).items()}
                fake.requests.append(
                    Request(self.path, dict(self.headers), fields, self.client_address[1])
                )
                status, payload = fake.answers.get(
                    fields.get("To", ""),
                    (201, {"sid": "SM" + uuid.uuid4().hex, "status": "queued"}),
                )
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        return Handler


class FakeTwilioServer:
    def __init__(self) -> None:
        self.fake = FakeTwilio()
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), self.fake.handler_class())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> FakeTwilioServer:
        self.thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
