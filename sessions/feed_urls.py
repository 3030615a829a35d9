from django.urls import path

from sessions import api, feeds

app_name = "feeds"

# Machine-readable programme: calendar feeds, the schedule API, frab exports.
urlpatterns = [
    path("api/v1/openapi.json", api.openapi, name="api_openapi"),
    path("api/v1/conferences/", api.conference_list, name="api_conference_list"),
    path("api/v1/conferences/<slug:conference>/", api.conference_detail, name="api_conference"),
    path(
        "api/v1/conferences/<slug:conference>/sessions/",
        api.session_list,
        name="api_session_list",
    ),
    path(
        "api/v1/conferences/<slug:conference>/sessions/<int:pk>/",
        api.session_detail,
        name="api_session",
    ),
    path(
        "api/v1/conferences/<slug:conference>/speakers/",
        api.speaker_list,
        name="api_speaker_list",
    ),
    path("api/v1/conferences/<slug:conference>/rooms/", api.room_list, name="api_room_list"),
    path("api/v1/conferences/<slug:conference>/tracks/", api.track_list, name="api_track_list"),
    # ?session=<id> (repeatable) restricts the feed to those sessions: the personal agenda.
    path("<slug:conference>/calendar.ics", feeds.conference_ics, name="conference_ics"),
    path("<slug:conference>/tracks/<slug:track>/calendar.ics", feeds.track_ics, name="track_ics"),
    path("<slug:conference>/sessions/<int:pk>/calendar.ics", feeds.session_ics, name="session_ics"),
    # The frab schedule format, as conference apps (ConfClerk, Giggity) import it.
    path("<slug:conference>/schedule.xml", feeds.frab_xml, name="frab_xml"),
    path("<slug:conference>/schedule.json", feeds.frab_json, name="frab_json"),
]
