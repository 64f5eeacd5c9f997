"""Staff pages of the observatory, under /observatory/ (namespace "observatory")."""

app_name = "observatory"

urlpatterns: list = []
