from django.urls import path

from sessions import feeds

app_name = "feeds"

# Machine-readable programme: calendar feeds, the schedule API, frab exports.
urlpatterns = [
    # ?session=<id> (repeatable) restricts the feed to those sessions: the personal agenda.
    path("<slug:conference>/calendar.ics", feeds.conference_ics, name="conference_ics"),
    path("<slug:conference>/tracks/<slug:track>/calendar.ics", feeds.track_ics, name="track_ics"),
    path("<slug:conference>/sessions/<int:pk>/calendar.ics", feeds.session_ics, name="session_ics"),
]
