app_name = "registration"

# Public registration pages (invitation portal, individual applications).
urlpatterns: list = []
