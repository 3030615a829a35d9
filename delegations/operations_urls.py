app_name = "operations"

# Staff pages for the week of the meeting: check-in at the door, dashboard, exports.
urlpatterns: list = []
