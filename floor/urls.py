from django.urls import path

from delegations.task_document_views import task_document_paths
from floor import portal_views, public_views, views

app_name = "floor"

LIST = "staff/<slug:conference>/floor/speakers/<int:session>/"
PLAN = "staff/<slug:conference>/floor/seating/<int:pk>/"

urlpatterns = [
    path("invitation/<str:token>/speakers/", portal_views.portal_speakers, name="portal_speakers"),
    path(
        "invitation/<str:token>/speakers/<int:session>/inscribe/",
        portal_views.portal_inscribe,
        name="portal_inscribe",
    ),
    path(
        "invitation/<str:token>/speakers/withdraw/<int:pk>/",
        portal_views.portal_withdraw,
        name="portal_withdraw",
    ),
    path(
        "invitation/<str:token>/speakers/<int:pk>/speaker/",
        portal_views.portal_speaker,
        name="portal_speaker",
    ),
    path(
        "invitation/<str:token>/speakers/<int:pk>/swap/",
        portal_views.portal_swap_request,
        name="portal_swap_request",
    ),
    *(
        path(
            f"invitation/<str:token>/speakers/swaps/<int:pk>/{answer}/",
            portal_views.portal_swap_answer,
            {"answer": answer},
            name=f"portal_swap_{answer}",
        )
        for answer in ("accept", "decline", "cancel")
    ),
    path("staff/<slug:conference>/floor/", views.floor_home, name="home"),
    path(LIST, views.manage, name="manage"),
    path(LIST + "inscribe/", views.staff_inscribe, name="inscribe"),
    path(LIST + "<int:pk>/move/", views.staff_move, name="move"),
    path(LIST + "<int:pk>/swap/", views.staff_swap, name="swap"),
    path(LIST + "<int:pk>/speaker/", views.staff_speaker, name="speaker"),
    path(LIST + "<int:pk>/withdraw/", views.staff_withdraw, name="withdraw"),
    path(LIST + "chair/", views.chair, name="chair"),
    path(LIST + "chair/next/", views.call_next, name="call_next"),
    path(LIST + "screen/", views.screen, name="screen"),
    path(LIST + "state.json", views.state, name="state"),
    path(LIST + "pdf/", views.speakers_document, name="speakers_document"),
    *task_document_paths("staff/floor/documents/<int:pk>/", views.DocumentView, "document"),
    path(PLAN, views.seating, name="seating"),
    path(PLAN + "draw/", views.seating_draw, name="seating_draw"),
    path(PLAN + "custom/", views.seating_custom, name="seating_custom"),
    path(PLAN + "floor-plan.svg", views.seating_svg, name="seating_svg"),
    path(PLAN + "place-cards/", views.place_cards, name="place_cards"),
    path(
        "<slug:conference>/list-of-speakers/<int:session>/",
        public_views.public_speakers,
        name="public",
    ),
    path(
        "<slug:conference>/list-of-speakers/<int:session>/state.json",
        public_views.public_state,
        name="public_state",
    ),
]
