app_name = "feeds"

# Machine-readable programme: calendar feeds, the schedule API, frab exports.
urlpatterns: list = []
