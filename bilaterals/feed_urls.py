from django.urls import path

from bilaterals import feeds

app_name = "bilateral_feeds"

# A delegation's private calendar: the secret in the address is the only key.
urlpatterns = [
    path("bilaterals/<str:feed_token>.ics", feeds.calendar, name="calendar"),
]
