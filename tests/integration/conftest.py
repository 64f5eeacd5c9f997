"""The alerts tests' territory (department 35, four communes, Rennes Métropole, a commune of
22), staff and alert factory serve the cross-module tests too."""

from tests.alerts.conftest import agent, make_alert, reviewer, territory  # noqa: F401
