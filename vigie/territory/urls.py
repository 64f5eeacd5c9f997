app_name = "territory"

urlpatterns: list = []
