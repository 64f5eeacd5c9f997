"""Observatory API, included under /api/v1/observatory/ in the "api" namespace."""

urlpatterns: list = []
