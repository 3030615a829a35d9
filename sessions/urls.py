from django.urls import path

from sessions import api, views

app_name = "programme"

urlpatterns = [
    path("", views.conference_list, name="conference_list"),
    # The API's documentation is a page to read, in the reader's language; the API itself is
    # in sessions/feed_urls.py. Before the conference pages: "api" is no conference.
    path("api/", api.docs, name="api_docs"),
    path("<slug:conference>/", views.conference_home, name="conference"),
    path("<slug:conference>/agenda/", views.agenda, name="agenda"),
    path("<slug:conference>/my-agenda/", views.personal_agenda, name="personal_agenda"),
    path("<slug:conference>/search/", views.search, name="search"),
    path("<slug:conference>/sessions/<int:pk>/", views.session_detail, name="session"),
    path("<slug:conference>/speakers/", views.speaker_list, name="speakers"),
    path("<slug:conference>/speakers/<int:pk>/", views.speaker_detail, name="speaker"),
]
